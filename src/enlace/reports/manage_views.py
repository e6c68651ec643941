"""The pages to write a report: the choice of a new report's meeting and language, the editor
of a draft (the secretariat, and the PPT for drafts) and the secretariat's revision of an
adopted one.

The editor works without JavaScript: every button of a point (move, add, split, delete,
restore) sends the whole form back, the page comes back with the change made and everything
typed kept, and nothing is saved until "Save". The editor's script (reports/editor.js) does the
moves in the page and adds dragging and the keyboard."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from enlace import access
from enlace.core.manage import apply_validation_error
from enlace.core.services import EditConflict, state_token
from enlace.meetings import selectors as meeting_selectors
from enlace.meetings.forms import LANGUAGE_CHOICES
from enlace.meetings.models import Meeting
from enlace.reports import forms, selectors
from enlace.reports.models import Report
from enlace.reports.opening import report_prefill
from enlace.reports.services import PointRow, report_revise, report_save

TEMPLATE = "reports/editor.html"


def _language_step(request: HttpRequest, meeting: Meeting | None, error: str = "") -> HttpResponse:
    """Choose the meeting, then one of the languages it has no report in yet."""
    taken_codes = (
        {r.language for r in selectors.report_languages_taken(meeting)} if meeting else set()
    )
    free = [(code, name) for code, name in LANGUAGE_CHOICES if code not in taken_codes]
    # Links to the ones the user may open (the others still take their language).
    shown = selectors.reports_visible_to(request.user).filter(meeting=meeting) if meeting else []
    context = {
        "title": _("New report"),
        "meeting": meeting,
        "meetings": meeting_selectors.meetings_visible_to(request.user).order_by("-start_date"),
        "free_languages": free,
        "existing": [(dict(LANGUAGE_CHOICES).get(r.language, r.language), r) for r in shown],
        "error": error,
    }
    return render(request, "reports/new_report.html", context, status=400 if error else 200)


def _rows_of(report: Report | None) -> list[forms.EditorRow]:
    if report is None:
        return [forms.EditorRow()]
    return [
        forms.EditorRow(level=p.level, text=p.text, id=p.pk)
        for p in report.points.order_by("position")
    ]


def _point_rows(formset: Any) -> list[PointRow]:
    """The points to save, in the order of the page: deleted ones left out, a point that was
    marked to be split stays whole (splitting is its own button)."""
    rows: list[PointRow] = []
    for point_form in formset.forms:
        data = point_form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        if data.get("text", "").strip():
            rows.append(PointRow(data["level"], data["text"], data.get("id")))
    return rows


def _unbound_form(form_class: type[BaseForm], request: HttpRequest, **kwargs: Any) -> BaseForm:
    """The form again, unbound, with what was typed as its values: an editing action shows no
    errors of fields the user has not finished."""
    probe = form_class(**kwargs)
    initial = {
        name: field.widget.value_from_datadict(request.POST, request.FILES, probe.add_prefix(name))
        for name, field in probe.fields.items()
    }
    form = form_class(initial=initial, **kwargs)
    form.initial["state"] = request.POST.get("state", "")
    return form


def _scoped[F: BaseForm](form: F, request: HttpRequest) -> F:
    """A new report's meeting is one the user may see."""
    if "meeting" in form.fields:
        form.fields["meeting"].queryset = meeting_selectors.meetings_visible_to(request.user)  # type: ignore[attr-defined]
    return form


def _editor(
    request: HttpRequest,
    *,
    form: BaseForm,
    formset: Any,
    report: Report | None,
    meeting: Meeting | None,
    language: str,
    revising: bool,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    title = (
        _("New revision of the report")
        if revising
        else _("Edit report")
        if report
        else _("New report")
    )
    # The report's own text is in its language, whatever the page's is.
    for name in ("title", "place_line", "date_line", "opening"):
        if name in form.fields:
            form.fields[name].widget.attrs["lang"] = language
    for point_form in formset.forms:
        point_form.fields["text"].widget.attrs["lang"] = language
    focus = extra.get("focus")
    if focus is not None and extra.get("focus_on") == "text" and 0 <= focus < len(formset.forms):
        formset.forms[focus].fields["text"].widget.attrs["autofocus"] = True
    context = {
        "title": title,
        "form": form,
        "formset": formset,
        "rows": forms.page_rows(formset),
        "report": report,
        "meeting": meeting,
        "language_name": dict(LANGUAGE_CHOICES).get(language, language),
        "revising": revising,
        "cancel_url": reverse("reports:report", args=[report.pk]) if report else "/manage/",
        **extra,
    }
    return render(request, TEMPLATE, context, status=status)


def report_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new report (after its language step), a draft's editor; for a frozen (adopted) report,
    the secretariat's new revision."""
    actor = access.actor_for(request.user)
    if not actor.is_authenticated:
        raise PermissionDenied  # the error page sends a visitor to log in first
    report: Report | None = None
    if pk:
        report = selectors.report_editable(request.user, pk)
    elif not access.can_create_report(actor):
        raise PermissionDenied
    revising = report is not None and access.can_revise_report(actor, report)
    form_class: type[BaseForm]
    if revising:
        form_class = forms.ReportRevisionForm
    elif report is not None:
        form_class = forms.ReportForm
    else:
        form_class = forms.NewReportForm

    source = request.POST if request.method == "POST" else request.GET
    meeting = (
        report.meeting
        if report
        else selectors.meeting_for_new_report(request.user, source.get("meeting"))
    )
    language = report.language if report else source.get("language", "")
    if report is None:
        existing = selectors.report_languages_taken(meeting) if meeting else []
        taken = {r.language for r in existing}
        if meeting is None or language not in dict(LANGUAGE_CHOICES):
            error = ""
            if request.method == "POST":
                error = _("Choose the meeting and the language of the report.")
            return _language_step(request, meeting, error)
        if language in taken and request.method == "GET":
            return _language_step(
                request,
                meeting,
                _("This meeting already has a report in this language: choose another one."),
            )
    form_kwargs: dict[str, Any] = {"instance": report}

    if request.method != "POST":
        if report is None:
            assert meeting is not None
            form_kwargs["initial"] = {
                "meeting": meeting.pk,
                "language": language,
                **report_prefill(meeting, language),
            }
        form = form_class(**form_kwargs)
        formset = forms.PointFormSet(
            initial=[row.initial() for row in _rows_of(report)], prefix="points"
        )
        return _editor(
            request,
            form=form,
            formset=formset,
            report=report,
            meeting=meeting,
            language=language,
            revising=revising,
        )

    action = request.POST.get("action", "")
    if action:
        done = forms.editor_action(forms.posted_rows(request.POST), action)
        return _editor(
            request,
            form=_unbound_form(form_class, request, **form_kwargs),
            formset=forms.PointFormSet(
                initial=[row.initial() for row in done.rows], prefix="points"
            ),
            report=report,
            meeting=meeting,
            language=language,
            revising=revising,
            focus=done.focus,
            focus_on=done.focus_on,
            announce=done.message,
            status=200 if done.done else 400,
        )

    form = _scoped(form_class(request.POST, **form_kwargs), request)
    formset = forms.PointFormSet(request.POST, prefix="points")
    if form.is_valid() & formset.is_valid():
        try:
            if revising:
                assert report is not None
                saved_pk = report.pk
                report_revise(
                    user=request.user,
                    report=report,
                    reason=form.cleaned_data["reason"],
                    changes=form.model_data(),
                    points=_point_rows(formset),
                    expected_state=form.expected_state(),
                )
            else:
                saved = report_save(
                    user=request.user,
                    data=form.model_data(),
                    points=_point_rows(formset),
                    report=report,
                    expected_state=form.expected_state(),
                )
                saved_pk = saved.pk
        except EditConflict as exc:
            return _conflict(request, exc, form_class, report, meeting, language, revising)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(reverse("reports:report", args=[saved_pk]))
    return _editor(
        request,
        form=form,
        formset=formset,
        report=report,
        meeting=meeting,
        language=language,
        revising=revising,
        status=400,
    )


def _conflict(
    request: HttpRequest,
    exc: EditConflict,
    form_class: type[BaseForm],
    report: Report | None,
    meeting: Meeting | None,
    language: str,
    revising: bool,
) -> HttpResponse:
    """Someone saved the report after this editor was opened: nothing was saved. The page
    comes back with everything typed, the other person's saved points beside it, and the
    state of their save, so that saving again (after reading theirs) is a choice."""
    assert report is not None
    current = selectors.report_editable(request.user, report.pk)
    theirs = list(current.points.order_by("position"))
    kept_ids = {p.pk for p in theirs}
    rows = forms.posted_rows(request.POST)
    for row in rows:
        if row.id is not None and row.id not in kept_ids:
            row.id = None  # they removed it: saving again writes it as a new point
    form = _unbound_form(form_class, request, instance=current)
    form.initial["state"] = state_token(current)
    return _editor(
        request,
        form=form,
        formset=forms.PointFormSet(initial=[row.initial() for row in rows], prefix="points"),
        report=current,
        meeting=meeting,
        language=language,
        revising=revising,
        status=400,
        conflict=exc.messages[0] if exc.messages else "",
        theirs=current,
        their_points=theirs,
    )
