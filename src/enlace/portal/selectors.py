"""What the public portal shows: exactly what an anonymous visitor may read, whoever asks.

Every read goes through the other apps' selectors with an anonymous user, so the portal can never
show more than the public may see (a logged-in member sees the same portal as the public)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse

from enlace.archive import selectors as archive_selectors
from enlace.contributions import selectors as contribution_selectors
from enlace.contributions.models import Answer, Contribution, Mechanism, Recommendation
from enlace.meetings import selectors as meeting_selectors
from enlace.meetings.models import Meeting
from enlace.network import selectors as network_selectors
from enlace.reports import selectors as report_selectors
from enlace.reports.models import Report
from enlace.workplan import selectors as workplan_selectors
from enlace.workplan.models import Activity, WorkPlanVersion

PUBLIC = AnonymousUser()


def published_reports() -> QuerySet[Report]:
    return (
        report_selectors.reports_visible_to(PUBLIC)
        .filter(is_published=True)
        .order_by("-meeting__start_date", "language", "pk")
    )


def public_meetings() -> QuerySet[Meeting]:
    return meeting_selectors.meetings_visible_to(PUBLIC).order_by("-start_date", "pk")


def public_versions() -> QuerySet[WorkPlanVersion]:
    return workplan_selectors.versions_visible_to(PUBLIC).order_by("work_plan_id", "-number")


def versions_in_force() -> QuerySet[WorkPlanVersion]:
    return public_versions().filter(status="adopted")


def published_archive() -> QuerySet[Activity]:
    return archive_selectors.archive_visible_to(PUBLIC).order_by("-archived_on", "pk")


def public_contributions() -> QuerySet[Contribution]:
    return contribution_selectors.contributions_visible_to(PUBLIC)


def public_recommendations() -> QuerySet[Recommendation]:
    return contribution_selectors.recommendations_visible_to(PUBLIC, public_only=True)


def public_answers() -> QuerySet[Answer]:
    return contribution_selectors.answers_visible_to(PUBLIC).select_related(
        "recommendation__contribution"
    )


def public_mechanisms() -> QuerySet[Mechanism]:
    return contribution_selectors.mechanisms_visible_to(PUBLIC)


def who_is_who() -> dict[str, Any]:
    """Countries, organisations, bodies and the PPT: no person, no contact detail."""
    countries = list(network_selectors.countries_visible_to(PUBLIC))
    return {
        "members": [c for c in countries if c.status == "member"],
        "observers": [c for c in countries if c.status == "observer"],
        "organisations": [
            o
            for o in network_selectors.organisations_visible_to(PUBLIC)
            if o.is_observer or o.kind == "secretariat"
        ],
        "bodies": list(network_selectors.bodies_visible_to(PUBLIC)),
        "presidency": network_selectors.presidency_on(),
    }


@dataclass(frozen=True)
class Publication:
    """One entry of the feed: something that became public."""

    key: str
    title: str
    description: str
    url: str
    published: datetime.datetime
    category: str


def _at(day: datetime.date | None, fallback: datetime.datetime) -> datetime.datetime:
    if day is None:
        return fallback
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def publications(limit: int = 50) -> list[Publication]:
    """What was published, newest first: reports, archive entries, public contributions and
    the answers to their recommendations."""
    items: list[Publication] = []
    for report in published_reports()[:limit]:
        items.append(
            Publication(
                key=f"report/{report.pk}",
                title=report.title,
                description=report.opening[:500],
                url=reverse("reports:report", args=[report.pk]),
                published=_at(report.presented_on or report.adopted_on, report.updated_at),
                category="report",
            )
        )
    for activity in published_archive().select_related("version__work_plan")[:limit]:
        items.append(
            Publication(
                key=f"archive/{activity.pk}",
                title=activity.title,
                description=activity.results[:500],
                url=reverse("workplan:archive_entry", args=[activity.pk]),
                published=_at(activity.archived_on, activity.updated_at),
                category="archive",
            )
        )
    for contribution in public_contributions()[:limit]:
        items.append(
            Publication(
                key=f"contribution/{contribution.pk}",
                title=f"{contribution.author_label}: {contribution.title}",
                description=contribution.summary[:500],
                url=reverse("contributions:detail", args=[contribution.pk]),
                published=_at(contribution.decided_on, contribution.updated_at),
                category="contribution",
            )
        )
    for answer in public_answers().order_by("-updated_at")[:limit]:
        recommendation = answer.recommendation
        items.append(
            Publication(
                key=f"answer/{answer.pk}",
                title=f"{answer.country.name}: {answer.get_position_display()} — "
                f"{recommendation.text[:80]}",
                description=" ".join(filter(None, [answer.reasons, answer.actions]))[:500],
                url=reverse("contributions:recommendation", args=[recommendation.pk]),
                published=answer.updated_at,
                category="answer",
            )
        )
    items.sort(key=lambda p: p.published, reverse=True)
    return items[:limit]
