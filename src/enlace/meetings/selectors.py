"""Reads of meetings and their documents, scoped to the user (rules in enlace.access); the reads
of reports are enlace.reports.selectors."""

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from enlace import access
from enlace.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Participation,
    Representative,
)


def meetings_visible_to(user: access.Who) -> QuerySet[Meeting]:
    actor = access.actor_for(user)
    return Meeting.objects.filter(access.meeting_filter(actor)).select_related("body", "country")


def _reports_visible_to(user: access.Who) -> QuerySet[Any]:
    """The reports the user may see, to prefetch a meeting's own (the prefetch gives each its
    meeting). The reports app owns their model and its reads (enlace.reports.selectors); a
    meeting reaches them only through its reverse relation "reports"."""
    reports = Meeting.reports.field.model._default_manager
    return reports.filter(access.report_filter(access.actor_for(user)))


def meeting_list(
    user: access.Who, *, body_slug: str = "", year: int | None = None
) -> QuerySet[Meeting]:
    meetings = meetings_visible_to(user).prefetch_related(
        Prefetch(
            "reports",
            queryset=_reports_visible_to(user).only(
                "pk", "meeting_id", "language", "status", "is_published"
            ),
        )
    )
    if body_slug:
        meetings = meetings.filter(body__slug=body_slug)
    if year:
        meetings = meetings.filter(start_date__year=year)
    return meetings


def meeting_detail(user: access.Who, pk: int) -> Meeting:
    actor = access.actor_for(user)
    meeting = (
        meetings_visible_to(user)
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("country", "organisation")
                .prefetch_related(
                    Prefetch(
                        "representatives",
                        queryset=Representative.objects.select_related("person"),
                    )
                )
                .order_by("organisation_id", "country__name_es"),
            ),
            Prefetch("agenda_items", queryset=AgendaItem.objects.all()),
            Prefetch(
                "documents",
                queryset=MeetingDocument.objects.filter(access.document_filter(actor)),
            ),
            Prefetch("reports", queryset=_reports_visible_to(user)),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def document_for_download(user: access.Who, pk: int) -> MeetingDocument:
    actor = access.actor_for(user)
    document = (
        MeetingDocument.objects.filter(access.document_filter(actor))
        .select_related("meeting")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return document


def meetings_managed_by(user: access.Who) -> QuerySet[Meeting]:
    from django.core.exceptions import PermissionDenied

    if not access.can_manage_meetings(access.actor_for(user)):
        raise PermissionDenied
    return Meeting.objects.select_related("body", "country")


def meeting_managed(user: access.Who, pk: int) -> Meeting:
    """A meeting on the secretariat's edit page (PermissionDenied for anyone else)."""
    meeting = meetings_managed_by(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def representatives_managed(user: access.Who, meeting: Meeting) -> QuerySet[Representative]:
    """The representatives of a meeting's delegations, on its edit page."""
    return Representative.objects.filter(
        participation__meeting__in=meetings_managed_by(user), participation__meeting=meeting
    ).select_related("participation__country", "participation__organisation", "person")


def representative_managed(user: access.Who, pk: int) -> Representative:
    representative = (
        Representative.objects.filter(participation__meeting__in=meetings_managed_by(user))
        .filter(pk=pk)
        .first()
    )
    if representative is None:
        raise Http404
    return representative


def document_managed(user: access.Who, pk: int) -> MeetingDocument:
    document = (
        MeetingDocument.objects.filter(meeting__in=meetings_managed_by(user)).filter(pk=pk).first()
    )
    if document is None:
        raise Http404
    return document


def meeting_is_visible(user: access.Who, pk: int) -> bool:
    return meetings_visible_to(user).filter(pk=pk).exists()


def meeting_visible(user: access.Who, pk: int) -> Meeting:
    """A meeting the user may see, without its delegations and documents (``meeting_detail``
    brings those)."""
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meetings_coming(user: access.Who, today: datetime.date | None = None) -> QuerySet[Meeting]:
    """The meetings the user may see that have not ended yet, the soonest first."""
    day = today or timezone.localdate()
    return meetings_visible_to(user).filter(end_date__gte=day).order_by("start_date", "pk")
