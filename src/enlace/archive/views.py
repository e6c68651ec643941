"""Pages of the Work Plan Archive and its spreadsheet. Thin: a selector or a service, then a
template or a file."""

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from enlace import access
from enlace.archive import selectors as archive_selectors
from enlace.archive import services as archive_services
from enlace.archive import xlsx
from enlace.audit.services import snapshot
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.downloads import attachment
from enlace.core.forms import LONG_TEXT_LIMIT, DateInput, StatefulModelForm
from enlace.core.manage import apply_validation_error
from enlace.core.paging import CountedSlices, expected_page
from enlace.core.services import EditConflict
from enlace.workplan import selectors as workplan_selectors
from enlace.workplan.display import display_value, field_label
from enlace.workplan.models import Activity
from enlace.workplan.xlsx import XLSX_TYPE

ARCHIVE_PAGE_SIZE = 25


# --- the archive ------------------------------------------------------------------------------


@require_safe
def archive_list(request: HttpRequest) -> HttpResponse:
    filters = archive_selectors.ArchiveFilters.from_query(request.GET)
    entries = archive_selectors.archive_search(request.user, filters)
    found = CountedSlices(
        entries,
        read=archive_selectors.page_rows,
        expected=expected_page(request.GET.get("page"), ARCHIVE_PAGE_SIZE),
    )
    page = Paginator(found, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    actor = access.actor_for(request.user)
    return render(
        request,
        "workplan/archive_list.html",
        {
            "page": page,
            "filters": filters,
            "params": filters.as_params(),
            "query": urlencode(filters.as_params()),
            "choices": archive_selectors.archive_choices(request.user),
            "show_publication": access.can_see_archive_publication(actor),
        },
    )


@require_safe
def archive_xlsx(request: HttpRequest) -> HttpResponse:
    filters = archive_selectors.ArchiveFilters.from_query(request.GET)
    actor = access.actor_for(request.user)
    content = xlsx.archive_workbook(
        archive_selectors.archive_export_rows(request.user, filters),
        with_publication=access.can_see_archive_publication(actor),
    )
    return attachment(content, content_type=XLSX_TYPE, filename="work-plan-archive.xlsx")


@require_safe
def archive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = archive_selectors.archive_entry(request.user, pk)
    return render(request, "workplan/archive_detail.html", {"entry": entry})


@require_http_methods(["GET", "POST"])
def archive_publication(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish (``publish=1``) an archive entry or withdraw it (``publish=0``), once confirmed."""
    activity = archive_selectors.archived_activity_managed(request.user, pk)
    if request.method != "POST":
        publish = request.GET.get("publish") == "1"
        return confirm_page(
            request,
            Confirmation(
                title=_("Publish in the archive")
                if publish
                else _("Withdraw from the public archive"),
                subject=str(activity),
                consequence=_("Anyone can read the entry in the public Work Plan Archive.")
                if publish
                else _("The entry is no longer shown to the public; the network still sees it."),
                undo=_(
                    "You can withdraw it later, but copies already read or downloaded stay "
                    "with their readers."
                )
                if publish
                else _("You can publish it again later."),
                button=_("Publish in the archive")
                if publish
                else _("Withdraw from the public archive"),
                cancel_url=reverse("workplan:archive_entry", args=[activity.pk]),
                hidden={"publish": "1" if publish else "0"},
            ),
        )
    if request.POST.get("publish") == "1":
        archive_services.archive_publish(request.user, activity)
        messages.success(request, _("The entry is now in the public archive."))
    else:
        archive_services.archive_unpublish(request.user, activity)
        messages.success(request, _("The entry was withdrawn from the public archive."))
    return redirect("workplan:archive_entry", pk=activity.pk)


ARCHIVE_FIELDS = ("completed_on", "results", "cancel_reason", "noted_by_meeting")


class ArchiveForm(StatefulModelForm):
    """The archive record of an activity; ``opened`` carries the values as the form showed
    them, to show what someone else changed if they saved in between."""

    opened = forms.CharField(widget=forms.HiddenInput, required=False)
    # The same maxima as the follow-up's form and API, for the same fields of the activity.
    text_limits = {"results": LONG_TEXT_LIMIT, "cancel_reason": 4000}

    class Meta:
        model = Activity
        fields = [*ARCHIVE_FIELDS, "archive_published"]
        widgets = {"completed_on": DateInput()}

    def __init__(self, *args: Any, user: access.Who, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting_field = self.fields["noted_by_meeting"]
        assert isinstance(meeting_field, forms.ModelChoiceField)
        meeting_field.queryset = archive_selectors.meetings_for_archive(user)
        self.fields["completed_on"].required = True
        if self.instance.status != Activity.Status.CANCELLED:
            del self.fields["cancel_reason"]
        if not self.is_bound:
            self.initial["opened"] = json.dumps(_opened(self.instance))


def _opened(activity: Activity) -> dict[str, Any]:
    data = snapshot(activity) or {}
    return {k: data.get(k) for k in ("status", "archive_published", *_attnames())}


def _attnames() -> list[str]:
    return [Activity._meta.get_field(n).attname for n in ARCHIVE_FIELDS]  # type: ignore[union-attr]


def _differences(opened_raw: str, activity: Activity) -> list[dict[str, str]]:

    try:
        opened = json.loads(opened_raw or "{}")
    except ValueError:
        opened = {}
    saved = snapshot(activity) or {}
    rows = []
    for name, value in opened.items():
        if str(value or "") != str(saved.get(name) or ""):
            field = name.removesuffix("_id")
            rows.append(
                {
                    "label": field_label(field),
                    "opened": display_value(field, value),
                    "saved": display_value(field, saved.get(name)),
                }
            )
    return rows


def activity_archive_form(request: HttpRequest, pk: int) -> HttpResponse:
    activity = archive_selectors.activity_to_archive(request.user, pk)
    form = ArchiveForm(request.POST or None, instance=activity, user=request.user)
    conflict: list[dict[str, str]] | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            archive_services.activity_archive(
                request.user,
                activity,
                completed_on=data["completed_on"],
                results=data.get("results", ""),
                noted_by_meeting=data.get("noted_by_meeting"),
                published=bool(data.get("archive_published")),
                cancel_reason=data.get("cancel_reason"),
                expected_state=form.expected_state(),
            )
        except EditConflict as exc:
            current = workplan_selectors.activity_as_saved(request.user, activity.pk)
            conflict = _differences(data.get("opened", ""), current)
            form.add_error(None, exc)
            form = _reopened(form, request.POST.copy(), current, request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The activity is in the archive."))
            return redirect("workplan:archive_entry", pk=activity.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workplan/archive_form.html",
        {"form": form, "activity": activity, "conflict": conflict},
        status=409 if conflict is not None else status,
    )


def _reopened(form: ArchiveForm, data: Any, current: Activity, user: access.Who) -> ArchiveForm:
    """The user's values again, now against the saved state: saving once more is deliberate."""
    fresh = ArchiveForm(instance=current, user=user)
    data["state"] = fresh.initial["state"]
    data["opened"] = fresh.initial["opened"]
    again = ArchiveForm(data, instance=current, user=user)
    again.is_valid()
    for error in form.non_field_errors():
        again.add_error(None, error)
    return again
