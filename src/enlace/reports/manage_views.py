"""The pages to write a report: a new one or a draft (the secretariat, and the PPT for drafts),
and the secretariat's revision of an adopted one."""

from typing import Any

from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from enlace import access
from enlace.core.manage import edit_page
from enlace.meetings import selectors as meeting_selectors
from enlace.reports import forms, selectors
from enlace.reports.models import Report
from enlace.reports.opening import format_date, opening_paragraph, place_line
from enlace.reports.services import PointRow, report_revise, report_save


def _new_report_initial(request: HttpRequest) -> dict[str, Any]:
    """A new report starts from its meeting: place, date and the generated opening paragraph
    (all editable)."""
    initial: dict[str, Any] = {"meeting": request.GET.get("meeting")}
    language = request.GET.get("language", "es")
    language = language if language in {"es", "en", "fr"} else "es"
    initial["language"] = language
    meeting_id = request.GET.get("meeting", "")
    meeting = (
        meeting_selectors.meetings_visible_to(request.user)
        .prefetch_related("participations__country")
        .filter(pk=int(meeting_id))
        .first()
        if meeting_id.isdigit()
        else None
    )
    if meeting is not None:
        initial["place_line"] = place_line(meeting, language)
        initial["date_line"] = format_date(meeting.start_date, meeting.end_date, language)
        initial["opening"] = opening_paragraph(meeting, language)
    return initial


def _point_rows(formset: django_forms.BaseFormSet) -> list[PointRow]:  # type: ignore[type-arg]
    """The points in the order the editor gave them, each with the point it updates."""
    rows: list[PointRow] = []
    for point_form in formset.ordered_forms:
        for level, text, point_id in point_form.rows():
            if text.strip():
                rows.append(PointRow(level, text, point_id))
    return rows


def report_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A draft's editor; for a frozen (adopted) report, the secretariat's new revision."""
    actor = access.actor_for(request.user)
    if not actor.is_authenticated:
        raise PermissionDenied  # the error page sends a visitor to log in first
    report: Report | None = None
    if pk:
        report = selectors.report_editable(request.user, pk)
    elif not access.can_create_report(actor):
        raise PermissionDenied
    points_initial = (
        [{"id": p.pk, "level": p.level, "text": p.text} for p in report.points.order_by("position")]
        if report
        else []
    )
    formset = forms.PointFormSet(request.POST or None, initial=points_initial, prefix="points")
    cancel_url = reverse("reports:report", args=[report.pk]) if report else None
    extra = {"formset": formset, "cancel_url": cancel_url, "report": report}
    if report is not None and access.can_revise_report(actor, report):
        revision_form = forms.ReportRevisionForm(request.POST or None, instance=report)
        return edit_page(
            request,
            form=revision_form,
            valid=lambda: revision_form.is_valid() & formset.is_valid(),
            save=lambda: report_revise(
                user=request.user,
                report=report,
                reason=revision_form.cleaned_data["reason"],
                changes=revision_form.model_data(),
                points=_point_rows(formset),
                expected_state=revision_form.expected_state(),
            ),
            title=_("New revision of the report"),
            success_url=lambda revision: reverse("reports:report", args=[report.pk]),
            template="meetings/manage_report.html",
            extra={**extra, "revising": True},
        )
    form = forms.ReportForm(
        request.POST or None,
        instance=report,
        initial=_new_report_initial(request) if report is None else None,
    )
    form.fields["meeting"].queryset = meeting_selectors.meetings_visible_to(request.user)  # type: ignore[attr-defined]
    return edit_page(
        request,
        form=form,
        valid=lambda: form.is_valid() & formset.is_valid(),
        save=lambda: report_save(
            user=request.user,
            data=form.model_data(),
            points=_point_rows(formset),
            report=report,
            expected_state=form.expected_state(),
        ),
        title=_("Edit report") if report else _("New report"),
        success_url=lambda r: reverse("reports:report", args=[r.pk]),
        template="meetings/manage_report.html",
        extra=extra,
    )
