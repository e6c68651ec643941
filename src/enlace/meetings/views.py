"""Pages of meetings, their documents and reports."""

import datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from enlace import access
from enlace.core import uploads
from enlace.meetings import selectors
from enlace.meetings.models import number_points
from enlace.network.selectors import bodies_visible_to

MEETINGS_PAGE_SIZE = 30


def meeting_list(request: HttpRequest) -> HttpResponse:
    body_slug = request.GET.get("body", "")[:50]
    year_raw = request.GET.get("year", "")
    year = int(year_raw) if year_raw.isdigit() and len(year_raw) == 4 else None
    meetings = selectors.meeting_list(request.user, body_slug=body_slug, year=year)
    page = Paginator(meetings, MEETINGS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/list.html",
        {
            "page": page,
            "bodies": bodies_visible_to(request.user),
            "body_slug": body_slug,
            "year": year or "",
            "query": urlencode({k: v for k, v in (("body", body_slug), ("year", year)) if v}),
        },
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail(request.user, pk)
    participations = list(meeting.participations.all())
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "countries": [p for p in participations if p.country_id],
            "organisations": [p for p in participations if p.organisation_id],
            "can_manage": access.can_manage_meetings(access.actor_for(request.user)),
        },
    )


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from enlace.reports import forms as report_forms
    from enlace.reports import selectors as report_selectors

    report = selectors.report_detail(request.user, pk)
    actor = access.actor_for(request.user)
    translations = (
        selectors.reports_visible_to(request.user)
        .filter(meeting_id=report.meeting_id)
        .exclude(pk=report.pk)
    )
    points = number_points(list(report.points.all()))
    comments = list(report_selectors.report_comments(request.user, report))
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
            "revisions": list(report_selectors.report_revisions(request.user, report)),
            "adoption": report_selectors.report_adoption(report)
            if report.status != report.Status.DRAFT
            else None,
            "adopt_form": report_forms.AdoptForm(
                initial={"adopted_on": datetime.date.today()},
                meetings=selectors.meetings_visible_to(request.user),
            )
            if can_adopt
            else None,
            "present_form": report_forms.PresentForm(
                initial={"presented_on": datetime.date.today()}
            ),
            "comment_form": report_forms.CommentForm(),
            "answer_form": report_forms.AnswerForm(),
        },
    )


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = selectors.document_for_download(request.user, pk)
    return uploads.download(document.file, PurePath(document.file.name or "document").name)
