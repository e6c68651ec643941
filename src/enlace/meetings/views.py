"""Pages of meetings and their documents (a report's page: enlace.reports.views)."""

from pathlib import PurePath
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from enlace import access
from enlace.core import uploads
from enlace.meetings import selectors
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


def document_download(request: HttpRequest, pk: int) -> FileResponse:
    document = selectors.document_for_download(request.user, pk)
    return uploads.download(document.file, PurePath(document.file.name or "document").name)
