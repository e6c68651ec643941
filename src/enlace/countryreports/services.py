"""Every write of the country reports: rounds, drafts (never lost, even with errors), submission,
review, publication, revisions, programmes and agreements, the legislation matrix and its
reminders. Each checks its rule in enlace.access, writes atomically and leaves an audit event;
mail goes only when the transaction commits."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, snapshot
from enlace.contributions.selectors import mechanisms_visible_to
from enlace.core.mail import queue_mail
from enlace.core.services import deadline_error, lock_unchanged, require
from enlace.countryreports.indicators import FigureKey, parse_key
from enlace.countryreports.models import (
    Agreement,
    CountryReport,
    Figure,
    LegislationEntry,
    Programme,
    ReportingRound,
    ReviewEvent,
)
from enlace.countryreports.totals import refresh_totals
from enlace.countryreports.validation import Checked, check_figures
from enlace.network.models import Country, Membership, Post

NARRATIVE = ("advances", "challenges", "cooperation_needs")
EMAIL_LANGUAGES = ("es", "en")


# --- rounds ------------------------------------------------------------------------------------


@transaction.atomic
def round_open(
    *,
    user: access.Who,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    deadline: datetime.date,
    is_demo: bool = False,
) -> ReportingRound:
    """Open a reporting round: one draft report for every member country."""
    require(access.can_open_reporting_round(access.actor_for(user)))
    new = ReportingRound(
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        opened_by=access.account_of(user),
        is_demo=is_demo,
    )
    errors: dict[str, list[str]] = {}
    if period_end < period_start:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    elif ReportingRound.objects.filter(
        period_start__lte=period_end, period_end__gte=period_start
    ).exists():
        errors["period_start"] = [
            _("Another round already covers part of this period: figures would count twice.")
        ]
    if deadline < period_start:
        errors["deadline"] = [_("The deadline cannot be before the period starts.")]
    elif (past := deadline_error(deadline)) is not None:
        errors["deadline"] = [*past.messages]
    if errors:
        raise ValidationError(errors)
    new.year = period_end.year
    new.full_clean()
    new.save()
    members = Country.objects.filter(status=Country.Status.MEMBER).order_by("pk")
    CountryReport.objects.bulk_create(CountryReport(round=new, country=c) for c in members)
    audit_record(actor=user, action="reportinground.create", instance=new, after=snapshot(new))
    return new


# --- drafts --------------------------------------------------------------------------------------


def _lock(report: CountryReport, expected_state: str | None) -> None:
    lock_unchanged(report, expected_state)


def _store_figures(report: CountryReport, values: Mapping[FigureKey, int]) -> None:
    report.figures.all().delete()
    Figure.objects.bulk_create(
        Figure(
            report=report,
            country_id=report.country_id,
            year=report.round.year,
            published=report.status == CountryReport.Status.PUBLISHED,
            indicator=key.indicator,
            crime=key.crime,
            dimension=key.dimension,
            category=key.category,
            value=value,
        )
        for key, value in values.items()
    )


def stored_figures(report: CountryReport) -> dict[FigureKey, int]:
    return {
        FigureKey(f.indicator, f.crime, f.dimension, f.category): f.value
        for f in report.figures.all()
    }


def draft_entries(report: CountryReport) -> dict[FigureKey, object]:
    """What the report holds: its stored figures and, over them, the entries not yet valid."""
    entries: dict[FigureKey, object] = dict(stored_figures(report))
    for slug, raw in (report.pending or {}).items():
        key = parse_key(slug)
        if key is not None:
            entries[key] = raw
    return entries


def _figures_snapshot(report: CountryReport) -> dict[str, Any]:
    return {
        "narrative": {name: getattr(report, name) for name in NARRATIVE},
        "figures": {key.slug: value for key, value in sorted(stored_figures(report).items())},
    }


@transaction.atomic
def report_save_draft(
    *,
    user: access.Who,
    report: CountryReport,
    narrative: Mapping[str, str] | None = None,
    figures: Mapping[FigureKey, object] | None = None,
    expected_state: str | None = None,
) -> Checked:
    """Save what the officer entered, as it is: the narrative, the figures that are whole
    numbers, and (kept as typed in ``pending``) those that are not. Returns the check of the
    figures: a draft with errors is saved, it cannot be submitted. ``figures`` replaces all of
    the report's figures (an empty value removes one)."""
    require(access.can_edit_country_report(access.actor_for(user), report))
    _lock(report, expected_state)
    before = _figures_snapshot(report)
    for name, value in (narrative or {}).items():
        if name in NARRATIVE:
            setattr(report, name, value.strip())
    if figures is not None:
        checked = check_figures(figures)
        _store_figures(report, checked.values)
        report.pending = {key.slug: raw for key, raw in checked.invalid.items()}
    else:
        checked = check_figures(draft_entries(report))
    report.full_clean()
    report.save()
    audit_record(
        actor=user,
        action="countryreport.update",
        instance=report,
        before=before,
        after=_figures_snapshot(report),
    )
    return checked


def report_errors(report: CountryReport) -> Checked:
    return check_figures(draft_entries(report))


def _event(
    report: CountryReport,
    user: access.Who,
    action: str,
    message: str = "",
    previous: dict[str, Any] | None = None,
) -> None:
    ReviewEvent.objects.create(
        report=report,
        action=action,
        message=message,
        revision=report.revision,
        previous=previous,
        user=access.account_of(user),
    )
    audit_record(
        actor=user,
        action=f"countryreport.{action}",
        instance=report,
        after={"status": report.status, "revision": report.revision, "message": message},
    )


@transaction.atomic
def report_submit(
    *, user: access.Who, report: CountryReport, expected_state: str | None = None
) -> CountryReport:
    """Send the report to the secretariat: only when every figure is valid."""
    require(access.can_submit_country_report(access.actor_for(user), report))
    _lock(report, expected_state)
    checked = report_errors(report)
    if not checked.ok:
        raise ValidationError(
            [_("The report has errors: correct them before you submit it.")]
            + [error.message for error in checked.errors]
        )
    report.status = CountryReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    _event(report, user, ReviewEvent.Action.SUBMITTED)
    return report


def _officer_emails(country_id: int) -> list[str]:
    today = timezone.localdate()
    emails = (
        Membership.objects.current(today)
        .filter(
            post__role__in=(Post.Role.LIAISON_OFFICER, Post.Role.ALTERNATE),
            post__country_id=country_id,
        )
        .exclude(person__email="")
        .values_list("person__email", flat=True)
    )
    return list(dict.fromkeys(emails))


def _mail_later(subject: str, body: str, to: list[str]) -> None:
    """Queue the mail in the current transaction: it goes once that commits."""
    queue_mail(subject=subject, body=body, to=to)


@transaction.atomic
def report_query(*, user: access.Who, report: CountryReport, message: str) -> CountryReport:
    """The secretariat sends a submitted report back to its country with a question."""
    require(access.can_review_country_report(access.actor_for(user), report))
    if not message.strip():
        raise ValidationError({"message": [_("Say what the country should check or answer.")]})
    report.status = CountryReport.Status.QUERIED
    report.save()
    _event(report, user, ReviewEvent.Action.QUERIED, message.strip())
    url = settings.ENLACE_BASE_URL + reverse("countryreports:report", args=[report.pk])
    parts = []
    subject = ""
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            subject = subject or _("Your country report has a query from the secretariat")
            parts.append(
                _("The Technical Secretariat queried the report %(report)s:")
                % {"report": str(report)}
                + f"\n\n{message.strip()}\n\n{url}"
            )
    _mail_later(subject, "\n\n— — —\n\n".join(parts) + "\n", _officer_emails(report.country_id))
    return report


@transaction.atomic
def report_accept(*, user: access.Who, report: CountryReport) -> CountryReport:
    require(access.can_review_country_report(access.actor_for(user), report))
    report.status = CountryReport.Status.ACCEPTED
    report.save()
    _event(report, user, ReviewEvent.Action.ACCEPTED)
    return report


@transaction.atomic
def report_publish(*, user: access.Who, report: CountryReport) -> CountryReport:
    """Publish an accepted report to the network: it is frozen from now on, and its figures
    count in the dashboard and (protected) in the public statistics."""
    require(access.can_publish_country_report(access.actor_for(user), report))
    report.status = CountryReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    report.figures.update(published=True)
    refresh_totals([(report.country_id, report.round.year)])
    _event(report, user, ReviewEvent.Action.PUBLISHED)
    return report


@transaction.atomic
def report_revise(
    *,
    user: access.Who,
    report: CountryReport,
    reason: str,
    narrative: Mapping[str, str] | None = None,
    figures: Mapping[FigureKey, object] | None = None,
    expected_state: str | None = None,
) -> CountryReport:
    """Correct a published report: a new revision, with its reason and what it replaced. The
    correction must be valid as a whole; nothing changes otherwise."""
    require(access.can_revise_country_report(access.actor_for(user), report))
    _lock(report, expected_state)
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the correction.")]})
    previous = _figures_snapshot(report)
    if figures is not None:
        checked = check_figures(figures)
        if not checked.ok:
            raise ValidationError([e.message for e in checked.errors])
    for name, value in (narrative or {}).items():
        if name in NARRATIVE:
            setattr(report, name, value.strip())
    if figures is not None:
        _store_figures(report, checked.values)
        refresh_totals([(report.country_id, report.round.year)])
    report.revision += 1
    report.full_clean()
    report.save()
    _event(report, user, ReviewEvent.Action.REVISED, reason.strip(), previous)
    return report


# --- programmes and agreements ---------------------------------------------------------------


@transaction.atomic
def programme_add(*, user: access.Who, report: CountryReport, data: Mapping[str, Any]) -> Programme:
    require(access.can_edit_country_report(access.actor_for(user), report))
    item = Programme(report=report, **{k: data.get(k) for k in ("kind", "name", "audience")})
    item.reach = data.get("reach")
    item.period = data.get("period") or ""
    item.audience = item.audience or ""
    item.full_clean()
    item.save()
    report.save(update_fields=["updated_at"])
    audit_record(actor=user, action="programme.create", instance=item, after=snapshot(item))
    return item


@transaction.atomic
def agreement_add(*, user: access.Who, report: CountryReport, data: Mapping[str, Any]) -> Agreement:
    require(access.can_edit_country_report(access.actor_for(user), report))
    mechanism = data.get("mechanism")
    if mechanism is not None and (
        not mechanisms_visible_to(user, country_code=report.country.code)
        .filter(pk=mechanism.pk)
        .exists()
    ):
        raise ValidationError(
            {"mechanism": _("The country is not a party to this cooperation mechanism.")}
        )
    item = Agreement(
        report=report,
        kind=data.get("kind") or "",
        title=data.get("title") or "",
        partners=data.get("partners") or "",
        signed_on=data.get("signed_on"),
        mechanism=mechanism,
    )
    item.full_clean()
    item.save()
    report.save(update_fields=["updated_at"])
    audit_record(actor=user, action="agreement.create", instance=item, after=snapshot(item))
    return item


@transaction.atomic
def report_item_remove(*, user: access.Who, item: Programme | Agreement) -> None:
    report = item.report
    require(access.can_edit_country_report(access.actor_for(user), report))
    audit_record(
        actor=user,
        action=f"{item._meta.model_name}.delete",
        instance=item,
        before=snapshot(item),
    )
    item.delete()
    report.save(update_fields=["updated_at"])


# --- the legislation matrix --------------------------------------------------------------------


@transaction.atomic
def legislation_save(
    *,
    user: access.Who,
    country: Country,
    topic: str,
    status: str,
    reference: str,
    last_confirmed: datetime.date,
    expected_state: str | None = None,
) -> LegislationEntry:
    require(access.can_edit_legislation(access.actor_for(user), country.pk))
    entry = LegislationEntry.objects.filter(country=country, topic=topic).first()
    before = None
    if entry is None:
        entry = LegislationEntry(country=country, topic=topic)
    else:
        lock_unchanged(entry, expected_state)
        before = snapshot(entry)
    if last_confirmed > timezone.localdate():
        raise ValidationError({"last_confirmed": [_("This date is in the future.")]})
    entry.status = status
    entry.reference = reference.strip()
    entry.last_confirmed = last_confirmed
    entry.full_clean()
    entry.save()
    audit_record(
        actor=user,
        action="legislationentry." + ("create" if before is None else "update"),
        instance=entry,
        before=before,
        after=snapshot(entry),
    )
    return entry


def stale_countries(today: datetime.date, days: int) -> list[Country]:
    """Member countries with a topic never entered or last confirmed more than ``days`` ago."""
    limit = today - datetime.timedelta(days=days)
    topics = len(LegislationEntry.Topic.values)
    fresh: dict[int, int] = {}
    for country_id in LegislationEntry.objects.filter(last_confirmed__gte=limit).values_list(
        "country_id", flat=True
    ):
        fresh[country_id] = fresh.get(country_id, 0) + 1
    members = Country.objects.filter(status=Country.Status.MEMBER).order_by("name_es")
    return [c for c in members if fresh.get(c.pk, 0) < topics]


@transaction.atomic
def legislation_remind(*, user: access.Who, days: int | None = None) -> list[Country]:
    """E-mail the officers of every member country whose matrix has old or missing entries;
    returns those countries."""
    require(access.can_remind_legislation(access.actor_for(user)))
    days = settings.ENLACE_LEGISLATION_STALE_DAYS if days is None else days
    today = timezone.localdate()
    countries = stale_countries(today, days)
    url = settings.ENLACE_BASE_URL + reverse("countryreports:legislation")
    for country in countries:
        parts = []
        subject = ""
        for language in EMAIL_LANGUAGES:
            with translation.override(language):
                subject = subject or _(
                    "Please confirm your country's entries in the legislation matrix"
                )
                parts.append(
                    _(
                        "Some entries of %(country)s in the legislation matrix were last "
                        "confirmed more than %(days)s days ago, or are missing. Please check "
                        "them and confirm or update them:"
                    )
                    % {"country": country.name, "days": days}
                    + f"\n{url}"
                )
        _mail_later(subject, "\n\n— — —\n\n".join(parts) + "\n", _officer_emails(country.pk))
        audit_record(
            actor=user,
            action="legislationentry.remind",
            instance=country,
            after={"days": days},
        )
    return countries
