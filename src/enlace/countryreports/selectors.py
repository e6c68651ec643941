"""Every read of the country reports, scoped to the user by enlace.access."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from enlace import access
from enlace.countryreports.models import (
    Agreement,
    CountryReport,
    LegislationEntry,
    Programme,
    ReportingRound,
)
from enlace.network.models import Country


def rounds_visible_to(user: access.Who) -> QuerySet[ReportingRound]:
    """The rounds, with how many reports the user may see in each: for people of the
    network."""
    actor = access.actor_for(user)
    if not access.can_view_reporting_rounds(actor):
        return ReportingRound.objects.none()
    scope = access.country_report_filter(actor)
    reports = CountryReport.objects.filter(scope).values("pk")
    return ReportingRound.objects.annotate(
        visible=Count("reports", filter=Q(reports__in=reports), distinct=True),
        published=Count("reports", filter=Q(reports__status="published"), distinct=True),
        total=Count("reports", distinct=True),
    ).order_by("-period_end", "-pk")


def round_detail(user: access.Who, pk: int) -> ReportingRound:
    found = rounds_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def reports_visible_to(user: access.Who) -> QuerySet[CountryReport]:
    actor = access.actor_for(user)
    return (
        CountryReport.objects.filter(access.country_report_filter(actor))
        .select_related("round", "country")
        .order_by("-round__period_end", "country__name_es", "pk")
    )


def report_detail(user: access.Who, pk: int) -> CountryReport:
    """A report the user may read (404 when missing or hidden)."""
    found = reports_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def reports_to_complete(user: access.Who) -> QuerySet[CountryReport]:
    """The reports of the user's own countries still to be written: drafts, and those the
    secretariat queried back, by the round's deadline."""
    actor = access.actor_for(user)
    return (
        reports_visible_to(user)
        .filter(
            country_id__in=access.own_country_ids(actor),
            status__in=[CountryReport.Status.DRAFT, CountryReport.Status.QUERIED],
        )
        .order_by("round__deadline", "country__name_es", "pk")
    )


def reports_to_review(user: access.Who) -> QuerySet[CountryReport]:
    """The submitted reports waiting for the user's review (the secretariat's), the oldest
    submission first."""
    actor = access.actor_for(user)
    if not access.reviews_country_reports(actor):
        return CountryReport.objects.none()
    return (
        reports_visible_to(user)
        .filter(status=CountryReport.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
    )


def report_item[T: (Programme, Agreement)](report: CountryReport, model: type[T], pk: int) -> T:
    """A programme or agreement of a report (its report read by the user: 404 otherwise)."""
    found = model._default_manager.filter(pk=pk, report=report).first()
    if found is None:
        raise Http404
    return found


def report_for_edit(user: access.Who, pk: int) -> CountryReport:
    """A report the user may edit: 404 if they may not even read it, 403 if only read."""
    report = report_detail(user, pk)
    if not access.can_edit_country_report(access.actor_for(user), report):
        raise PermissionDenied
    return report


def legislation_matrix(
    user: access.Who,
) -> tuple[list[Country], dict[tuple[int, str], LegislationEntry]]:
    """The member countries and their entries, by (country, topic): two queries."""
    if not access.can_view_legislation(access.actor_for(user)):
        raise PermissionDenied
    countries = list(Country.objects.filter(status=Country.Status.MEMBER).order_by("name_es"))
    entries = {
        (e.country_id, e.topic): e
        for e in LegislationEntry.objects.filter(country__status=Country.Status.MEMBER)
    }
    return countries, entries


def legislation_country(user: access.Who, code: str) -> Country:
    """A member country whose entries the user may edit (404 unknown, 403 not theirs)."""
    country = Country.objects.filter(code=code.upper(), status=Country.Status.MEMBER).first()
    if country is None:
        raise Http404
    if not access.can_edit_legislation(access.actor_for(user), country.pk):
        raise PermissionDenied
    return country


def legislation_entries_of(country: Country) -> dict[str, LegislationEntry]:
    """A country's entries of the legislation matrix by topic (after legislation_country)."""
    return {e.topic: e for e in LegislationEntry.objects.filter(country=country)}
