"""The secretariat's (and for drafts, the PPT's) pages to create and edit meetings and reports."""

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enlace import access
from enlace.core.manage import apply_validation_error, edit_page
from enlace.meetings import forms, selectors, services
from enlace.meetings.models import MeetingDocument, Report, Representative
from enlace.meetings.services import PointRow
from enlace.reports.services import report_revise


def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    meetings = selectors.meetings_managed_by(request.user)
    meeting = get_object_or_404(meetings, pk=pk) if pk else None
    form = forms.MeetingForm(request.POST or None, instance=meeting)
    extra = {}
    if meeting is not None:
        extra = {
            "meeting": meeting,
            "representative_form": forms.RepresentativeForm(meeting=meeting),
            "document_form": forms.DocumentForm(),
            "representatives": Representative.objects.filter(
                participation__meeting=meeting
            ).select_related("participation__country", "participation__organisation", "person"),
            "documents": meeting.documents.all(),
            "cancel_url": reverse("meetings:detail", args=[meeting.pk]),
        }
    return edit_page(
        request,
        form=form,
        save=lambda: services.meeting_save(
            user=request.user,
            data=form.model_data(),
            meeting=meeting,
            countries=form.cleaned_data["countries"],
            organisations=form.cleaned_data["organisations"],
            agenda=form.agenda_lines(),
            expected_state=form.expected_state(),
        ),
        title=_("Edit meeting") if meeting else _("New meeting"),
        success_url=lambda m: reverse("manage:meeting_edit", args=[m.pk]),
        template="meetings/manage_meeting.html",
        extra=extra,
    )


@require_POST
def representative_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_managed_by(request.user), pk=pk)
    form = forms.RepresentativeForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.representative_add(
                user=request.user,
                participation=form.cleaned_data["participation"],
                person=form.cleaned_data["person"],
                name=form.cleaned_data["name"],
                position=form.cleaned_data["position"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("manage:meeting_edit", pk=meeting.pk)


@require_POST
def representative_remove(request: HttpRequest, pk: int) -> HttpResponse:
    meetings = selectors.meetings_managed_by(request.user)
    representative = get_object_or_404(
        Representative.objects.filter(participation__meeting__in=meetings), pk=pk
    )
    meeting_id = representative.participation.meeting_id
    services.representative_remove(user=request.user, representative=representative)
    messages.success(request, _("Removed."))
    return redirect("manage:meeting_edit", pk=meeting_id)


@require_POST
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(selectors.meetings_managed_by(request.user), pk=pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                user=request.user,
                meeting=meeting,
                data={k: form.cleaned_data[k] for k in ("title", "language", "visibility")},
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("manage:meeting_edit", pk=meeting.pk)


@require_POST
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    meetings = selectors.meetings_managed_by(request.user)
    document = get_object_or_404(MeetingDocument.objects.filter(meeting__in=meetings), pk=pk)
    meeting_id = document.meeting_id
    services.document_remove(user=request.user, document=document)
    messages.success(request, _("Removed."))
    return redirect("manage:meeting_edit", pk=meeting_id)


def _new_report_initial(request: HttpRequest) -> dict[str, Any]:
    """A new report starts from its meeting: place, date and the generated opening paragraph
    (all editable)."""
    from enlace.reports.opening import format_date, opening_paragraph, place_line

    initial: dict[str, Any] = {"meeting": request.GET.get("meeting")}
    language = request.GET.get("language", "es")
    language = language if language in {"es", "en", "fr"} else "es"
    initial["language"] = language
    meeting_id = request.GET.get("meeting", "")
    meeting = (
        selectors.meetings_visible_to(request.user)
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
        report = get_object_or_404(selectors.reports_editable_by(request.user), pk=pk)
    elif not access.can_create_report(actor):
        raise PermissionDenied
    points_initial = (
        [{"id": p.pk, "level": p.level, "text": p.text} for p in report.points.order_by("position")]
        if report
        else []
    )
    formset = forms.PointFormSet(request.POST or None, initial=points_initial, prefix="points")
    cancel_url = reverse("meetings:report", args=[report.pk]) if report else None
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
            success_url=lambda revision: reverse("meetings:report", args=[report.pk]),
            template="meetings/manage_report.html",
            extra={**extra, "revising": True},
        )
    form = forms.ReportForm(
        request.POST or None,
        instance=report,
        initial=_new_report_initial(request) if report is None else None,
    )
    form.fields["meeting"].queryset = selectors.meetings_visible_to(request.user)  # type: ignore[attr-defined]
    return edit_page(
        request,
        form=form,
        valid=lambda: form.is_valid() & formset.is_valid(),
        save=lambda: services.report_save(
            user=request.user,
            data=form.model_data(),
            points=_point_rows(formset),
            report=report,
            expected_state=form.expected_state(),
        ),
        title=_("Edit report") if report else _("New report"),
        success_url=lambda r: reverse("meetings:report", args=[r.pk]),
        template="meetings/manage_report.html",
        extra=extra,
    )
