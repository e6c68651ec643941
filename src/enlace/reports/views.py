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
from django.views.decorators.http import require_http_methods, require_POST

from enlace import access
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.manage import apply_validation_error
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


def _confirm_report(
    request: HttpRequest,
    report: Any,
    *,
    title: str,
    consequence: str,
    undo: str,
    button: str,
    form: Any = None,
    hidden: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    return confirm_page(
        request,
        Confirmation(
            title=title,
            subject=report.title,
            consequence=consequence,
            undo=undo,
            button=button,
            cancel_url=reverse("reports:report", args=[report.pk]),
            form=form,
            hidden=hidden or {},
        ),
        status=status,
    )


def _adopt_page(request: HttpRequest, report: Any, form: Any, status: int = 200) -> HttpResponse:
    return _confirm_report(
        request,
        report,
        title=_("Adopt the report"),
        consequence=_(
            "The draft becomes the adopted report: its points can no longer be edited or "
            "commented on."
        ),
        undo=_("This cannot be undone; later corrections are made as a new revision."),
        button=_("Adopt"),
        form=form,
        status=status,
    )


@require_http_methods(["GET", "POST"])
def report_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_visible(request.user, pk)
    services.require_adopt(request.user, report)
    meetings = meetings_visible_to(request.user)
    if request.method != "POST":
        form = forms.AdoptForm(initial={"adopted_on": datetime.date.today()}, meetings=meetings)
        return _adopt_page(request, report, form)
    form = forms.AdoptForm(request.POST, meetings=meetings)
    if not form.is_valid():
        return _adopt_page(request, report, form, status=400)
    try:
        services.report_adopt(
            user=request.user,
            report=report,
            adopted_on=form.cleaned_data["adopted_on"],
            meeting=form.cleaned_data["meeting"],
        )
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return _adopt_page(request, report, form, status=400)
    messages.success(request, _("The report is adopted."))
    return _back_to(pk)


def _present_page(request: HttpRequest, report: Any, form: Any, status: int = 200) -> HttpResponse:
    return _confirm_report(
        request,
        report,
        title=_("Mark the report as presented to the GRCM"),
        consequence=_("The report is recorded as presented to the GRCM on the date below."),
        undo=_("This cannot be undone."),
        button=_("Mark as presented"),
        form=form,
        status=status,
    )


@require_http_methods(["GET", "POST"])
def report_present(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_visible(request.user, pk)
    services.require_present(request.user, report)
    if request.method != "POST":
        form = forms.PresentForm(initial={"presented_on": datetime.date.today()})
        return _present_page(request, report, form)
    form = forms.PresentForm(request.POST)
    if not form.is_valid():
        return _present_page(request, report, form, status=400)
    try:
        services.report_present(
            user=request.user, report=report, presented_on=form.cleaned_data["presented_on"]
        )
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return _present_page(request, report, form, status=400)
    messages.success(request, _("The report is marked as presented to the GRCM."))
    return _back_to(pk)


@require_http_methods(["GET", "POST"])
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish (``published=1``) or withdraw (``published=0``) a report, once confirmed."""
    report = selectors.report_visible(request.user, pk)
    services.require_publication(request.user, report)
    data = request.POST if request.method == "POST" else request.GET
    published = data.get("published", "1") != "0"
    if request.method != "POST":
        if published:
            return _confirm_report(
                request,
                report,
                title=_("Publish the report"),
                consequence=_(
                    "The report becomes public: anyone can read it on the public portal and in "
                    "its feed."
                ),
                undo=_(
                    "You can withdraw the publication later, but copies already read or "
                    "downloaded stay with their readers."
                ),
                button=_("Publish"),
                hidden={"published": "1"},
            )
        return _confirm_report(
            request,
            report,
            title=_("Withdraw the publication of the report"),
            consequence=_(
                "The report is no longer shown to the public; members of the network still see it."
            ),
            undo=_("You can publish it again later."),
            button=_("Withdraw publication"),
            hidden={"published": "0"},
        )
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
            "can_adopt": access.can_adopt_report(actor, report),
            "can_present": access.can_present_report(actor, report),
            "can_set_publication": access.can_set_report_publication(actor, report),
            "orphan_comments": by_point.get(None, []),
            "revisions": list(selectors.report_revisions(request.user, report)),
            "adoption": selectors.report_adoption(report)
            if report.status != report.Status.DRAFT
            else None,
            "comment_form": forms.CommentForm(),
            "answer_form": forms.AnswerForm(),
        },
    )
