"""Pages of the Work Plan Archive, the annex documents and the spreadsheets. Thin: a selector or
a service, then a template or a file."""

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from enlace import access
from enlace.audit.services import snapshot
from enlace.core.downloads import DOCX_TYPE, PDF_TYPE, attachment
from enlace.core.forms import DateInput, StatefulModelForm
from enlace.core.manage import apply_validation_error
from enlace.core.services import EditConflict
from enlace.network.models import Country
from enlace.workplan import archive_selectors, archive_services, documents, xlsx
from enlace.workplan.follow_display import display_value, field_label
from enlace.workplan.models import Activity, WorkPlanVersion

ARCHIVE_PAGE_SIZE = 25
MAX_UPLOAD = 5 * 1024 * 1024


# --- the archive ------------------------------------------------------------------------------


@require_safe
def archive_list(request: HttpRequest) -> HttpResponse:
    filters = archive_selectors.ArchiveFilters.from_query(request.GET)
    entries = archive_selectors.archive_search(request.user, filters)
    page = Paginator(entries, ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
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
            "show_publication": actor.is_network_member,
        },
    )


@require_safe
def archive_xlsx(request: HttpRequest) -> HttpResponse:
    filters = archive_selectors.ArchiveFilters.from_query(request.GET)
    actor = access.actor_for(request.user)
    content = xlsx.archive_workbook(
        archive_selectors.archive_export_rows(request.user, filters),
        with_publication=actor.is_network_member,
    )
    return attachment(content, content_type=xlsx.XLSX_TYPE, filename="work-plan-archive.xlsx")


@require_safe
def archive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = archive_selectors.archive_entry(request.user, pk)
    return render(request, "workplan/archive_detail.html", {"entry": entry})


@require_POST
def archive_publication(request: HttpRequest, pk: int) -> HttpResponse:
    if not access.can_archive_activity(access.actor_for(request.user)):
        raise PermissionDenied
    activity = get_object_or_404(Activity, pk=pk, archived_on__isnull=False)
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

    class Meta:
        model = Activity
        fields = [*ARCHIVE_FIELDS, "archive_published"]
        widgets = {"completed_on": DateInput()}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
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
            current = Activity.objects.get(pk=activity.pk)
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


def _reopened(form: ArchiveForm, data: Any, current: Activity, user: Any) -> ArchiveForm:
    """The user's values again, now against the saved state: saving once more is deliberate."""
    fresh = ArchiveForm(instance=current, user=user)
    data["state"] = fresh.initial["state"]
    data["opened"] = fresh.initial["opened"]
    again = ArchiveForm(data, instance=current, user=user)
    again.is_valid()
    for error in form.non_field_errors():
        again.add_error(None, error)
    return again


# --- the annex document -------------------------------------------------------------------------


def _readable_version(request: HttpRequest, pk: int) -> WorkPlanVersion:
    actor = access.actor_for(request.user)
    versions = WorkPlanVersion.objects.filter(access.workplan_version_filter(actor))
    version = documents.version_for_document(pk, versions)
    if version is None:
        raise Http404
    return version


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "es")
    return language if language in documents.LANGUAGES else "es"


@require_safe
def version_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    version = _readable_version(request, pk)
    language = _language(request)
    return attachment(
        documents.render_pdf(version, language),
        content_type=PDF_TYPE,
        filename=documents.document_filename(version, language, "pdf"),
    )


@require_safe
def version_docx(request: HttpRequest, pk: int) -> HttpResponse:
    version = _readable_version(request, pk)
    language = _language(request)
    return attachment(
        documents.render_docx(version, language),
        content_type=DOCX_TYPE,
        filename=documents.document_filename(version, language, "docx"),
    )


@require_safe
def version_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor_for(request.user)
    version = (
        WorkPlanVersion.objects.filter(access.workplan_version_filter(actor))
        .select_related("work_plan")
        .filter(pk=pk)
        .first()
    )
    if version is None:
        raise Http404
    content = xlsx.version_workbook(version, xlsx.version_activities(version))
    return attachment(
        content,
        content_type=xlsx.XLSX_TYPE,
        filename=documents.document_filename(version, "activities", "xlsx"),
    )


# --- a country's activities file ------------------------------------------------------------


def _country_for_sheet(request: HttpRequest, code: str) -> Country:
    country = get_object_or_404(Country, code=code.upper())
    if not access.can_exchange_country_activities(access.actor_for(request.user), country.pk):
        raise PermissionDenied
    return country


@require_safe
def country_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    country = _country_for_sheet(request, code)
    content = xlsx.country_workbook(country, xlsx.country_activities(country))
    return attachment(
        content, content_type=xlsx.XLSX_TYPE, filename=f"activities-{country.code}.xlsx"
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("XLSX file"))


def country_upload(request: HttpRequest, code: str) -> HttpResponse:
    country = _country_for_sheet(request, code)
    form = UploadForm(request.POST or None, request.FILES or None)
    result: xlsx.UploadResult | None = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is too large (at most 5 MB)."))
        else:
            result = xlsx.country_upload(request.user, country, upload.read())
            if result.ok:
                messages.success(
                    request,
                    _("%(n)s activities updated; %(m)s rows left as they were.")
                    % {"n": len(result.applied), "m": result.unchanged},
                )
                return redirect(reverse("workplan:country_upload", args=[country.code]))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workplan/archive_country_upload.html",
        {"country": country, "form": form, "result": result},
        status=status,
    )
