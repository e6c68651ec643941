"""Reads of meetings, their documents and reports, scoped to the user (rules in enlace.access)."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from enlace import access
from enlace.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    Participation,
    Report,
    ReportPoint,
    Representative,
)


def meetings_visible_to(user: access.Who) -> QuerySet[Meeting]:
    actor = access.actor_for(user)
    return Meeting.objects.filter(access.meeting_filter(actor)).select_related("body", "country")


def meeting_list(
    user: access.Who, *, body_slug: str = "", year: int | None = None
) -> QuerySet[Meeting]:
    meetings = meetings_visible_to(user).prefetch_related(
        Prefetch(
            "reports",
            queryset=reports_visible_to(user).only(
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
            Prefetch("reports", queryset=reports_visible_to(user)),
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def reports_visible_to(user: access.Who) -> QuerySet[Report]:
    actor = access.actor_for(user)
    return Report.objects.filter(access.report_filter(actor)).select_related(
        "meeting__body", "meeting__country"
    )


def report_detail(user: access.Who, pk: int) -> Report:
    report = (
        reports_visible_to(user)
        .prefetch_related(Prefetch("points", queryset=ReportPoint.objects.order_by("position")))
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


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


def reports_editable_by(user: access.Who) -> QuerySet[Report]:
    """The reports the user may edit: all for the secretariat, drafts for the PPT."""
    return reports_visible_to(user).filter(access.editable_report_filter(access.actor_for(user)))


def report_editable(user: access.Who, pk: int) -> Report:
    """A report the user may open in the editor (404 otherwise)."""
    report = reports_editable_by(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


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


def points_visible_to(user: access.Who) -> QuerySet[ReportPoint]:
    """The points of the reports the user may read."""
    return ReportPoint.objects.filter(access.report_filter(access.actor_for(user), "report__"))


def meeting_points(user: access.Who, meeting_id: int) -> QuerySet[ReportPoint]:
    """The points of a meeting's reports (where a contribution is noted)."""
    return points_visible_to(user).filter(report__meeting_id=meeting_id)


def point_visible(user: access.Who, pk: int) -> ReportPoint | None:
    return points_visible_to(user).filter(pk=pk).first()


def meeting_visible(user: access.Who, pk: int) -> Meeting:
    """A meeting the user may see, without its delegations and documents (``meeting_detail``
    brings those)."""
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting
