"""Reads of reports, their points and their drafting, scoped to the user (rules in
enlace.access)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from enlace import access
from enlace.meetings.models import Meeting
from enlace.meetings.selectors import meetings_visible_to
from enlace.reports.models import (
    PointComment,
    PointVersion,
    Report,
    ReportAdoption,
    ReportPoint,
    ReportRevision,
)


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


def reports_editable_by(user: access.Who) -> QuerySet[Report]:
    """The reports the user may edit: all for the secretariat, drafts for the PPT."""
    return reports_visible_to(user).filter(access.editable_report_filter(access.actor_for(user)))


def report_editable(user: access.Who, pk: int) -> Report:
    """A report the user may open in the editor (404 otherwise)."""
    report = reports_editable_by(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def meeting_for_new_report(user: access.Who, pk: int | str | None) -> Meeting | None:
    """The meeting a new report is drafted for, with what its pre-filled text needs (None when
    the user may not see it)."""
    if not str(pk or "").isdigit():
        return None
    return (
        meetings_visible_to(user)
        .select_related("body", "country")
        .prefetch_related("participations__country")
        .filter(pk=int(str(pk)))
        .first()
    )


def report_languages_taken(meeting: Meeting) -> list[Report]:
    """The reports a meeting already has, one per language (a new report takes another)."""
    return list(Report.objects.filter(meeting=meeting).only("pk", "language", "meeting_id"))


def points_visible_to(user: access.Who) -> QuerySet[ReportPoint]:
    """The points of the reports the user may read."""
    return ReportPoint.objects.filter(access.report_filter(access.actor_for(user), "report__"))


def meeting_points(user: access.Who, meeting_id: int) -> QuerySet[ReportPoint]:
    """The points of a meeting's reports (where a contribution is noted)."""
    return points_visible_to(user).filter(report__meeting_id=meeting_id)


def point_visible(user: access.Who, pk: int) -> ReportPoint | None:
    return points_visible_to(user).filter(pk=pk).first()


def report_visible(user: access.Who, pk: int) -> Report:
    report = reports_visible_to(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def point_of(user: access.Who, report_pk: int, point_pk: int) -> ReportPoint:
    """A point of a report the user sees (404 otherwise, as for a missing one)."""
    report = report_visible(user, report_pk)
    point = ReportPoint.objects.filter(report=report, pk=point_pk).first()
    if point is None:
        raise Http404
    point.report = report
    return point


def point_versions(user: access.Who, point: ReportPoint) -> list[PointVersion]:
    """Every version of a point, oldest first. A point never changed since versions were kept
    has one: its text as it is."""
    if not access.can_view_point_history(access.actor_for(user), point.report):
        raise Http404
    versions = list(point.versions.select_related("author").order_by("number"))
    if not versions:
        versions = [PointVersion(point=point, number=1, text=point.text, level=point.level)]
    return versions


def comments_visible_to(user: access.Who) -> QuerySet[PointComment]:
    actor = access.actor_for(user)
    return PointComment.objects.filter(access.report_comment_filter(actor)).select_related(
        "country", "organisation", "point"
    )


def report_comments(user: access.Who, report: Report) -> QuerySet[PointComment]:
    if not access.can_view_report_comments(access.actor_for(user), report):
        return PointComment.objects.none()
    return comments_visible_to(user).filter(report=report).order_by("created_at", "pk")


def report_revisions(user: access.Who, report: Report) -> QuerySet[ReportRevision]:
    """The revisions of a report are part of it: visible to whoever sees the report."""
    if not access.can_view_report(access.actor_for(user), report):
        raise Http404
    return report.revisions.select_related("author").order_by("number")


def report_adoption(report: Report) -> ReportAdoption | None:
    return ReportAdoption.objects.filter(report=report).select_related("meeting").first()


def comment_for_answer(user: access.Who, pk: int) -> PointComment:
    comment = comments_visible_to(user).select_related("report__meeting").filter(pk=pk).first()
    if comment is None:
        raise Http404
    return comment


def drafts_editable_by(user: access.Who) -> QuerySet[Report]:
    """The draft reports the user drafts (the secretariat, the PPT's officers), each with
    ``unanswered``: how many delegations' comments wait for the drafters' answer."""
    return (
        reports_editable_by(user)
        .filter(status=Report.Status.DRAFT)
        .annotate(unanswered=Count("comments", filter=Q(comments__answer="")))
        .order_by("-meeting__start_date", "language", "pk")
    )


def drafts_open_for_comment(user: access.Who) -> QuerySet[Report]:
    """The draft reports the user may comment on but does not draft: member countries'
    officers, observers where invited (a draft is hidden from everyone else)."""
    return (
        reports_visible_to(user)
        .filter(status=Report.Status.DRAFT)
        .exclude(pk__in=reports_editable_by(user).values("pk"))
        .order_by("-meeting__start_date", "language", "pk")
    )
