"""Pages of the drafting of a report: a point's history, comments, adoption and presentation."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enlace import access
from enlace.meetings import selectors as meeting_selectors
from enlace.meetings.selectors import meetings_visible_to
from enlace.reports import forms, selectors, services
from enlace.reports.diff import word_diff
from enlace.reports.models import number_points


def _number(value: str | None, choices: list[int], default: int) -> int:
    if value and value.isdigit() and int(value) in choices:
        return int(value)
    return default


def point_history(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    """Every version of a point; any two compared word by word (?a=&b=)."""
    point = selectors.point_of(request.user, pk, point_pk)
    versions = selectors.point_versions(request.user, point)
    numbers = [v.number for v in versions]
    a = _number(request.GET.get("a"), numbers, numbers[-2] if len(numbers) > 1 else numbers[-1])
    b = _number(request.GET.get("b"), numbers, numbers[-1])
    by_number = {v.number: v for v in versions}
    labels = {p.pk: label for label, p in number_points(list(point.report.points.all()))}
    return render(
        request,
        "reports/point_history.html",
        {
            "report": point.report,
            "point": point,
            "label": labels.get(point.pk, ""),
            "versions": versions,
            "a": by_number[a],
            "b": by_number[b],
            "diff": word_diff(by_number[a].text, by_number[b].text),
        },
    )


def _back_to(report_pk: int, anchor: str = "") -> HttpResponse:
    url = reverse("reports:report", args=[report_pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _report_errors(request: HttpRequest, errors: Mapping[str, Any] | list[str]) -> None:
    values = errors.values() if isinstance(errors, Mapping) else [errors]
    for messages_of_field in values:
        for error in messages_of_field:
            messages.error(request, str(error))


def _apply(request: HttpRequest, exc: ValidationError) -> None:
    _report_errors(request, exc.message_dict if hasattr(exc, "error_dict") else [*exc.messages])


@require_POST
def comment_add(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    point = selectors.point_of(request.user, pk, point_pk)
    form = forms.CommentForm(request.POST)
    if not form.is_valid():
        _report_errors(request, form.errors)
    else:
        try:
            services.comment_add(user=request.user, point=point, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _apply(request, exc)
        else:
            messages.success(request, _("Your comment was sent."))
    return _back_to(pk, f"point-{point.pk}")


@require_POST
def comment_answer(request: HttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_for_answer(request.user, pk)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        _report_errors(request, form.errors)
    else:
        try:
            services.comment_answer(
                user=request.user, comment=comment, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            _apply(request, exc)
        else:
            messages.success(request, _("Saved."))
    return _back_to(comment.report_id, f"comment-{comment.pk}")


@require_POST
def report_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_visible(request.user, pk)
    services.require_adopt(request.user, report)
    form = forms.AdoptForm(request.POST, meetings=meetings_visible_to(request.user))
    if not form.is_valid():
        _report_errors(request, form.errors)
    else:
        try:
            services.report_adopt(
                user=request.user,
                report=report,
                adopted_on=form.cleaned_data["adopted_on"],
                meeting=form.cleaned_data["meeting"],
            )
        except ValidationError as exc:
            _apply(request, exc)
        else:
            messages.success(request, _("The report is adopted."))
    return _back_to(pk)


@require_POST
def report_present(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_visible(request.user, pk)
    services.require_present(request.user, report)
    form = forms.PresentForm(request.POST)
    if not form.is_valid():
        _report_errors(request, form.errors)
    else:
        try:
            services.report_present(
                user=request.user, report=report, presented_on=form.cleaned_data["presented_on"]
            )
        except ValidationError as exc:
            _apply(request, exc)
        else:
            messages.success(request, _("The report is marked as presented to the GRCM."))
    return _back_to(pk)


@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_visible(request.user, pk)
    published = request.POST.get("published") == "1"
    services.report_publish(user=request.user, report=report, published=published)
    messages.success(
        request, _("The report is published.") if published else _("The report is withdrawn.")
    )
    return _back_to(pk)


def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    actor = access.actor_for(request.user)
    translations = (
        selectors.reports_visible_to(request.user)
        .filter(meeting_id=report.meeting_id)
        .exclude(pk=report.pk)
    )
    points = number_points(list(report.points.all()))
    comments = list(selectors.report_comments(request.user, report))
    by_point: dict[int | None, list[Any]] = {}
    for comment in comments:
        by_point.setdefault(comment.point_id, []).append(comment)
    for _label, point in points:
        point.drafting_comments = by_point.get(point.pk, [])  # type: ignore[attr-defined]
    can_adopt = access.can_adopt_report(actor, report)
    return render(
        request,
        "meetings/report.html",
        {
            "report": report,
            "points": points,
            "translations": translations,
            "can_edit": access.can_edit_report(actor, report),
            "can_revise": access.can_revise_report(actor, report),
            "can_comment": access.can_comment_on_report(actor, report),
            "can_answer": access.can_answer_comment(actor, report),
            "can_see_comments": access.can_view_report_comments(actor, report),
            "can_see_history": access.can_view_point_history(actor, report),
            "can_adopt": can_adopt,
            "can_present": access.can_present_report(actor, report),
            "can_set_publication": access.can_set_report_publication(actor, report),
            "orphan_comments": by_point.get(None, []),
            "revisions": list(selectors.report_revisions(request.user, report)),
            "adoption": selectors.report_adoption(report)
            if report.status != report.Status.DRAFT
            else None,
            "adopt_form": forms.AdoptForm(
                initial={"adopted_on": datetime.date.today()},
                meetings=meeting_selectors.meetings_visible_to(request.user),
            )
            if can_adopt
            else None,
            "present_form": forms.PresentForm(initial={"presented_on": datetime.date.today()}),
            "comment_form": forms.CommentForm(),
            "answer_form": forms.AnswerForm(),
        },
    )
