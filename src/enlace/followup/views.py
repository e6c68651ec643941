"""Pages of the follow-up: an activity (with its update forms for those who answer for it),
"my activities", the dashboard, the download of an evidence file, and a country's activities
as a spreadsheet, down and up."""

from pathlib import PurePath
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from enlace import access
from enlace.core import uploads
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.downloads import attachment
from enlace.core.forms import Form
from enlace.core.manage import apply_validation_error
from enlace.core.pagecache import asked_for, kept
from enlace.followup import dashboard as dashboards
from enlace.followup import selectors, services, xlsx
from enlace.followup.forms import (
    DashboardFilterForm,
    EvidenceForm,
    MilestoneForm,
    MineFilterForm,
    ProgressForm,
)
from enlace.meetings.selectors import meeting_is_visible
from enlace.network.models import Country
from enlace.network.selectors import country_by_code
from enlace.workplan.models import Activity
from enlace.workplan.xlsx import XLSX_TYPE

PAGE_SIZE = 50
MAX_UPLOAD = 5 * 1024 * 1024


def _conflict_form(request: HttpRequest, activity: Activity) -> ProgressForm:
    """After a refused save: the editor's own values stay in the form, on top of the activity
    as it is saved now, so that saving again is a decision taken with the other change in view."""
    data = request.POST.copy()
    for name, value in ProgressForm.initial_for(activity).items():
        if name in ("state", "opened"):
            data[name] = value
    form = ProgressForm(data)
    form.is_valid()
    return form


def _evidence_remove_page(
    request: HttpRequest, activity: Activity, can_update: bool
) -> HttpResponse:
    """Ask before removing a piece of evidence: the same answer as the removal for who may not."""
    if not can_update:
        raise PermissionDenied
    wanted = request.GET.get("remove_evidence")
    evidence = next((e for e in activity.evidence.all() if str(e.pk) == wanted), None)
    if evidence is None:
        raise Http404
    here = reverse("workplan:activity", args=[activity.pk])
    return confirm_page(
        request,
        Confirmation(
            title=_("Remove the evidence"),
            subject=evidence.title,
            consequence=_(
                "The evidence is removed from the activity, with its file if it has one."
            ),
            undo=_("This cannot be undone: to bring it back, add it again."),
            button=_("Remove"),
            cancel_url=f"{here}#evidence",
            hidden={"action": "evidence_remove", "id": str(evidence.pk)},
            action_url=f"{here}#evidence",
        ),
    )


@require_http_methods(["GET", "POST"])
def activity_page(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_detail(request.user, pk)
    can_update = selectors.can_follow_up(request.user, activity)
    if request.method != "POST" and "remove_evidence" in request.GET:
        return _evidence_remove_page(request, activity, can_update)
    progress_form = ProgressForm.for_activity(activity) if can_update else None
    milestone_form = MilestoneForm() if can_update else None
    evidence_form = EvidenceForm() if can_update else None
    conflict: services.ActivityConflict | None = None
    status = 200
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        action = request.POST.get("action", "")
        here = reverse("workplan:activity", args=[activity.pk])
        try:
            if action == "progress":
                progress_form = ProgressForm(request.POST)
                if progress_form.is_valid():
                    services.activity_update_progress(
                        user=request.user, activity=activity, **progress_form.service_kwargs()
                    )
                    messages.success(request, _("The activity's progress is saved."))
                    return redirect(here)
            elif action == "milestone":
                milestone_form = MilestoneForm(request.POST)
                if milestone_form.is_valid():
                    services.milestone_add(
                        user=request.user, activity=activity, **milestone_form.cleaned_data
                    )
                    messages.success(request, _("The milestone is added."))
                    return redirect(f"{here}#milestones")
            elif action == "evidence":
                evidence_form = EvidenceForm(request.POST, request.FILES)
                if evidence_form.is_valid():
                    data = evidence_form.cleaned_data
                    services.evidence_add(
                        user=request.user,
                        activity=activity,
                        title=data["title"],
                        url=data.get("url") or "",
                        upload=data.get("file"),
                    )
                    messages.success(request, _("The evidence is added."))
                    return redirect(f"{here}#evidence")
            elif action == "evidence_remove":
                evidence = next(
                    (e for e in activity.evidence.all() if str(e.pk) == request.POST.get("id")),
                    None,
                )
                if evidence is None:
                    raise Http404
                try:
                    services.evidence_remove(user=request.user, evidence=evidence)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                else:
                    messages.success(request, _("The evidence is removed."))
                return redirect(f"{here}#evidence")
            else:
                raise Http404
        except services.ActivityConflict as exc:
            conflict = exc
            activity = selectors.activity_detail(request.user, pk)
            progress_form = _conflict_form(request, activity)
            status = 409
        except ValidationError as exc:
            form = {
                "progress": progress_form,
                "milestone": milestone_form,
                "evidence": evidence_form,
            }[action]
            assert form is not None
            apply_validation_error(form, exc)
        if status == 200:
            status = 400
    actor = access.actor_for(request.user)
    return render(
        request,
        "workplan/follow_activity.html",
        {
            "activity": activity,
            "today": timezone.localdate(),
            "can_update": can_update,
            "progress_form": progress_form,
            "milestone_form": milestone_form,
            "evidence_form": evidence_form,
            "conflict": conflict,
            "show_evidence": selectors.can_see_evidence(request.user, activity),
            "agreement_visible": activity.source_point is not None
            and access.can_view_report(actor, activity.source_point.report),
            "noted_visible": activity.noted_by_meeting_id is not None
            and meeting_is_visible(request.user, activity.noted_by_meeting_id),
            "history": selectors.activity_history(request.user, activity)
            if access.can_view_activity_history(actor)
            else None,
        },
        status=status,
    )


@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_for_download(request.user, pk)
    return uploads.download(evidence.file, PurePath(evidence.file.name or "evidence").name)


@require_GET
def my_activities(request: HttpRequest) -> HttpResponse:
    """ "My activities": what an officer's country answers for in the plans in force, late
    first, then by deadline. The secretariat sees every country's, or one country's."""
    countries = selectors.own_country_choices(request.user)
    form = MineFilterForm(request.GET or None, countries=[(c.code, c.name) for c in countries])
    code = form.cleaned_data.get("country") if form.is_valid() else ""
    country = next((c for c in countries if c.code == code), None)
    today = timezone.localdate()
    activities = selectors.my_activities(request.user, country=country, today=today)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "workplan/follow_mine.html",
        {
            "page": page,
            "form": form,
            "show_filter": len(countries) > 1,
            "country": country,
            "today": today,
            "query": urlencode(query),
        },
    )


@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    def body() -> str:
        axis: Any = request.GET.get("axis") or None
        try:
            axis = int(axis) if axis is not None else None
        except ValueError:
            axis = None
        board = dashboards.dashboard(
            request.user,
            plan=request.GET.get("plan", ""),
            axis=axis,
            country=request.GET.get("country", ""),
        )
        form = None
        if board is not None:
            form = DashboardFilterForm(
                initial={
                    "plan": board.version.work_plan.slug,
                    "axis": board.axis.pk if board.axis else "",
                    "country": board.country.code if board.country else "",
                },
                plans=[(v.work_plan.slug, str(v.work_plan)) for v in board.plans],
                axes=[(a.pk, f"{a.position}. {a.title}") for a in board.axes],
                countries=[(c.code, c.name) for c in board.countries],
            )
        context = {
            "board": board,
            "form": form,
            "late": dashboards.late_rows(board.late, board.today) if board else [],
        }
        return render_to_string("workplan/_dashboard_body.html", context, request)

    # Progress by axis, by country and by deadline, drawn once per user and filters until the
    # next recorded write (what is late changes with the day, which the key holds).
    kept_body = kept("workplan-dashboard", (request.user.pk, asked_for(request)), body)
    return render(request, "workplan/dashboard.html", {"body": mark_safe(kept_body)})


# --- a country's activities file ------------------------------------------------------------


def _country_for_sheet(request: HttpRequest, code: str) -> Country:
    country = country_by_code(request.user, code.upper())
    if not access.can_exchange_country_activities(access.actor_for(request.user), country.pk):
        raise PermissionDenied
    return country


@require_safe
def country_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    country = _country_for_sheet(request, code)
    content = xlsx.country_workbook(country, xlsx.country_activities(country))
    return attachment(content, content_type=XLSX_TYPE, filename=f"activities-{country.code}.xlsx")


class UploadForm(Form):
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
