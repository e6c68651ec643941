"""Reads of commitments and calendar feeds, scoped to the user (rules in enlace.access)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from enlace import access
from enlace.commitments.models import CalendarFeed, Commitment
from enlace.reports.models import Report, ReportPoint
from enlace.reports.selectors import reports_visible_to


def commitments_visible_to(user: access.Who) -> QuerySet[Commitment]:
    actor = access.actor_for(user)
    return Commitment.objects.filter(access.commitment_filter(actor)).select_related(
        "country", "organisation", "point__report__meeting__body"
    )


def with_overdue_first(commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Overdue first (oldest deadline first), then open ones by deadline, then the rest."""
    today = datetime.date.today()
    return commitments.annotate(
        rank=Case(
            When(
                status=Commitment.Status.CONFIRMED,
                due_date__lt=today,
                then=Value(0),
            ),
            When(status=Commitment.Status.CONFIRMED, due_date__isnull=False, then=Value(1)),
            When(status=Commitment.Status.CONFIRMED, then=Value(2)),
            When(status=Commitment.Status.PROPOSED, then=Value(3)),
            When(status=Commitment.Status.DONE, then=Value(4)),
            default=Value(5),
            output_field=IntegerField(),
        )
    ).order_by("rank", "due_date", "pk")


@dataclass(frozen=True)
class CommitmentFilters:
    mine: bool = False
    actor_kind: str = ""
    country: str = ""  # ISO code
    status: str = ""
    overdue: bool = False
    report_id: int | None = None


def commitment_list(user: access.Who, filters: CommitmentFilters) -> QuerySet[Commitment]:
    """The list pages' and the API's query: scoped, filtered, overdue first."""
    actor = access.actor_for(user)
    commitments = commitments_visible_to(user)
    if filters.mine:
        commitments = commitments.filter(access.own_commitment_filter(actor))
    if filters.actor_kind in Commitment.ActorKind.values:
        commitments = commitments.filter(actor_kind=filters.actor_kind)
    if filters.country:
        commitments = commitments.filter(country__code=filters.country.upper()[:3])
    if filters.status in Commitment.Status.values:
        commitments = commitments.filter(status=filters.status)
    if filters.overdue:
        commitments = commitments.filter(
            status=Commitment.Status.CONFIRMED, due_date__lt=datetime.date.today()
        )
    if filters.report_id is not None:
        commitments = commitments.filter(point__report_id=filters.report_id)
    return with_overdue_first(commitments)


def commitment_list_page(user: access.Who) -> None:
    """Refuses the list page to anyone outside the network (the public reads a report's)."""
    if not access.can_use_commitment_lists(access.actor_for(user)):
        raise PermissionDenied


def commitment_detail(user: access.Who, pk: int) -> Commitment:
    commitment = commitments_visible_to(user).filter(pk=pk).first()
    if commitment is None:
        raise Http404
    return commitment


def report_commitments(user: access.Who, report: Report) -> QuerySet[Commitment]:
    """A report's commitments the user may see, in the order of the points."""
    return (
        commitments_visible_to(user).filter(point__report=report).order_by("point__position", "pk")
    )


def calendar_feeds_of(user: access.Who) -> QuerySet[CalendarFeed]:
    if not access.can_have_calendar_feed(access.actor_for(user)):
        raise PermissionDenied
    return CalendarFeed.objects.filter(user=access.account(user))


def calendar_commitments(user: access.Who) -> QuerySet[Commitment]:
    """Open commitments with a deadline, for the user's calendar feed."""
    return commitments_visible_to(user).filter(
        status=Commitment.Status.CONFIRMED, due_date__isnull=False
    )


def report_point_for_commitment(user: access.Who, point_id: int) -> ReportPoint:
    """A point of a report the user may read (Http404 otherwise), to add a commitment to."""
    point = (
        ReportPoint.objects.filter(pk=point_id, report__in=reports_visible_to(user))
        .select_related("report")
        .first()
    )
    if point is None:
        raise Http404
    return point


def commitments_due_for(user: access.Who) -> QuerySet[Commitment]:
    """The open commitments with a deadline the user answers for, overdue first: an officer's
    (its country's, all member countries', the PPT's while it presides); for the secretariat,
    which follows everyone's, the overdue ones."""
    actor = access.actor_for(user)
    due = commitments_visible_to(user).filter(
        status=Commitment.Status.CONFIRMED, due_date__isnull=False
    )
    if access.can_manage_commitments(actor):
        due = due.filter(due_date__lt=datetime.date.today())
    else:
        due = due.filter(access.own_commitment_filter(actor))
    return with_overdue_first(due)
