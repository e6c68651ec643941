"""Writes of commitments and calendar feeds. Each checks its rule in enlace.access and writes its
audit event in the same transaction; a commitment's history of status is its audit events.

``commitments_propose_for_report(user_or_none, report)`` is the entry point for the import and
the drafting: it reads the report's points and adds the commitments their text proposes, as
``proposed``, without duplicating earlier proposals (confirmed, done or dismissed ones count).
"""

import datetime
import hashlib
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.audit.services import audit_record, snapshot
from enlace.commitments import extraction
from enlace.commitments.models import CalendarFeed, Commitment
from enlace.core.services import deadline_error
from enlace.meetings.models import Meeting
from enlace.network.models import Country, Organisation
from enlace.reports.models import Report, ReportPoint

# The fields the secretariat corrects: who, what, by when.
EDITABLE_FIELDS = ("actor_kind", "country", "organisation", "text", "due_date", "due_text")


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _write(
    user: access.Who, commitment: Commitment, action: str, before: dict[str, Any] | None
) -> None:
    commitment.full_clean()
    commitment.save()
    audit_record(
        actor=user,
        action=f"commitment.{action}",
        instance=commitment,
        before=before,
        after=snapshot(commitment),
    )


# --- proposing from the text ----------------------------------------------------------------


def vocabulary() -> extraction.Vocabulary:
    """The countries and organisations a text can name (the secretariat is its own kind)."""
    countries = [(c.pk, (c.name_es, c.name_en)) for c in Country.objects.all()]
    organisations = [
        (o.pk, (o.name_es, o.name_en), (o.acronym,))
        for o in Organisation.objects.exclude(kind=Organisation.Kind.SECRETARIAT)
    ]
    return extraction.vocabulary_from(countries, organisations)


def extraction_context(meeting: Meeting) -> extraction.Context:
    """Deadlines count from the meeting's last day; "before the next meeting" is the next
    meeting of the same body, when it is already in the calendar."""
    following = (
        Meeting.objects.filter(body_id=meeting.body_id, start_date__gt=meeting.end_date)
        .order_by("start_date", "pk")
        .values_list("start_date", flat=True)
        .first()
    )
    return extraction.Context(meeting_date=meeting.end_date, next_meeting_date=following)


def _extraction_key(
    point_id: int, actor_kind: str, country_id: int | None, organisation_id: int | None, text: str
) -> str:
    raw = f"{point_id}|{actor_kind}|{country_id or ''}|{organisation_id or ''}|{text.strip()}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def commitments_propose_for_report(user: access.Who, report: Report) -> list[Commitment]:
    """Propose the commitments the report's text names; returns the new ones.

    ``user`` is the acting user, or ``access.SYSTEM`` (after an import or a save of the report).
    A person must be the secretariat or a drafter of the report. Running it again adds nothing.
    """
    _require(access.can_propose_commitments(access.actor_for(user), report))
    words = vocabulary()
    context = extraction_context(report.meeting)
    points = list(report.points.order_by("position"))
    existing: set[str] = set()
    for commitment in Commitment.objects.filter(point__report=report):
        existing.add(commitment.extraction_key)
        existing.add(
            _extraction_key(
                commitment.point_id,
                commitment.actor_kind,
                commitment.country_id,
                commitment.organisation_id,
                commitment.text,
            )
        )
    created: list[Commitment] = []
    for point in points:
        for proposal in extraction.propose(point.text, words, context):
            key = _extraction_key(
                point.pk,
                proposal.actor_kind,
                proposal.country_id,
                proposal.organisation_id,
                proposal.text,
            )
            if key in existing:
                continue
            existing.add(key)
            commitment = Commitment(
                point=point,
                actor_kind=proposal.actor_kind,
                country_id=proposal.country_id,
                organisation_id=proposal.organisation_id,
                text=proposal.text,
                due_date=proposal.due_date,
                due_text=proposal.due_text,
                status=Commitment.Status.PROPOSED,
                extraction_key=key,
            )
            _write(user, commitment, "propose", None)
            created.append(commitment)
    return created


# --- the secretariat's review ---------------------------------------------------------------


def _apply(commitment: Commitment, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %s") % ", ".join(unknown))
    for name, value in data.items():
        setattr(commitment, name, value)
    if isinstance(commitment.text, str):
        commitment.text = commitment.text.strip()


def _check_due(commitment: Commitment, previous: datetime.date | None) -> None:
    """A due date set here is not in the past; for an old meeting's commitment, not before
    that meeting (its deadlines are history)."""
    error = deadline_error(
        commitment.due_date,
        previous=previous,
        earliest=commitment.point.report.meeting.start_date,
    )
    if error is not None:
        raise ValidationError({"due_date": error.messages})


@transaction.atomic
def commitment_confirm(
    *, user: access.Who, commitment: Commitment, corrections: Mapping[str, Any] | None = None
) -> Commitment:
    """The secretariat confirms a proposed commitment, with its corrections: it becomes open."""
    _require(access.can_manage_commitments(access.actor_for(user)))
    if commitment.status != Commitment.Status.PROPOSED:
        raise ValidationError(_("Only a proposed commitment can be confirmed."), code="status")
    before = snapshot(commitment)
    previous = commitment.due_date
    _apply(commitment, corrections or {})
    _check_due(commitment, previous)
    commitment.status = Commitment.Status.CONFIRMED
    commitment.confirmed_by = access.account_of(user)
    commitment.confirmed_at = timezone.now()
    _write(user, commitment, "confirm", before)
    return commitment


@transaction.atomic
def commitment_add(*, user: access.Who, point: ReportPoint, data: Mapping[str, Any]) -> Commitment:
    """The secretariat writes down a commitment that extraction did not find (who, what, by
    when) at a point of a report: it is open at once, as one the secretariat confirmed."""
    _require(access.can_manage_commitments(access.actor_for(user)))
    commitment = Commitment(point=point, status=Commitment.Status.CONFIRMED)
    _apply(commitment, data)
    _check_due(commitment, None)
    commitment.confirmed_by = access.account_of(user)
    commitment.confirmed_at = timezone.now()
    _write(user, commitment, "add", None)
    return commitment


@transaction.atomic
def commitment_dismiss(*, user: access.Who, commitment: Commitment) -> Commitment:
    """The secretariat dismisses a proposal that is not a commitment (or an open one that no
    longer stands). It is kept, so that proposing again does not bring it back."""
    _require(access.can_manage_commitments(access.actor_for(user)))
    if commitment.status not in (Commitment.Status.PROPOSED, Commitment.Status.CONFIRMED):
        raise ValidationError(
            _("Only a proposed or open commitment can be dismissed."), code="status"
        )
    before = snapshot(commitment)
    commitment.status = Commitment.Status.DISMISSED
    _write(user, commitment, "dismiss", before)
    return commitment


@transaction.atomic
def commitment_update(
    *, user: access.Who, commitment: Commitment, data: Mapping[str, Any]
) -> Commitment:
    """The secretariat corrects who, what and by when, in any status."""
    _require(access.can_manage_commitments(access.actor_for(user)))
    before = snapshot(commitment)
    previous = commitment.due_date
    _apply(commitment, data)
    _check_due(commitment, previous)
    _write(user, commitment, "update", before)
    return commitment


# --- following to the end -------------------------------------------------------------------


@transaction.atomic
def commitment_complete(*, user: access.Who, commitment: Commitment, evidence: str) -> Commitment:
    """Mark an open commitment done, with what shows it (a note or a link).

    Allowed to the secretariat, the officers of the commitment's country, and for the PPT's
    commitments the officers of the country presiding today (``access.can_complete_commitment``).
    """
    actor = access.actor_for(user)
    if not access.can_view_commitment(actor, commitment):
        raise PermissionDenied
    if commitment.status != Commitment.Status.CONFIRMED:
        _require(access.can_be_told_commitment_status(actor, commitment))
        raise ValidationError(_("Only an open commitment can be marked done."), code="status")
    _require(access.can_complete_commitment(actor, commitment))
    evidence = (evidence or "").strip()
    if not evidence:
        raise ValidationError(
            {"evidence": _("Say what shows it was done: a short note or a link.")}
        )
    before = snapshot(commitment)
    commitment.status = Commitment.Status.DONE
    commitment.evidence = evidence
    commitment.done_at = timezone.now()
    _write(user, commitment, "complete", before)
    return commitment


@transaction.atomic
def commitment_reopen(*, user: access.Who, commitment: Commitment) -> Commitment:
    """A done commitment becomes open again; a dismissed one becomes a proposal again."""
    _require(access.can_reopen_commitment(access.actor_for(user), commitment))
    before = snapshot(commitment)
    if commitment.status == Commitment.Status.DONE:
        commitment.status = Commitment.Status.CONFIRMED
        commitment.done_at = None
    else:
        commitment.status = Commitment.Status.PROPOSED
    _write(user, commitment, "reopen", before)
    return commitment


def commitment_history(user: access.Who, commitment: Commitment) -> list[dict[str, Any]]:
    """The status changes of a commitment, from its audit events (who: secretariat only)."""

    actor = access.actor_for(user)
    if not access.can_view_commitment(actor, commitment):
        raise PermissionDenied
    events = AuditEvent.objects.filter(
        object_type=Commitment._meta.label_lower, object_id=str(commitment.pk)
    ).order_by("at", "pk")
    history = []
    for event in events:
        before = (event.before or {}).get("status")
        after = (event.after or {}).get("status")
        if before == after:
            continue
        history.append(
            {
                "at": event.at,
                "action": event.action,
                "before": Commitment.Status(before).label if before else "",
                "after": Commitment.Status(after).label if after else "",
                "who": event.actor_label
                if access.can_see_commitment_history_authors(actor)
                else "",
            }
        )
    return history


# --- the calendar feed ----------------------------------------------------------------------


@transaction.atomic
def calendar_feed_create(*, user: access.Who) -> tuple[CalendarFeed, str]:
    """A new secret address for the user's calendar; an earlier one stops working. The raw
    token is returned once and never stored."""
    _require(access.can_have_calendar_feed(access.actor_for(user)))
    now = timezone.now()
    owner = access.account(user)
    for old in CalendarFeed.objects.select_for_update().filter(user=owner, revoked_at__isnull=True):
        _revoke(user, old, now)
    raw = CalendarFeed.generate()
    feed = CalendarFeed.objects.create(
        user=owner, token_hash=CalendarFeed.hash(raw), prefix=raw[:6]
    )
    audit_record(
        actor=user, action="calendarfeed.create", instance=feed, after={"prefix": feed.prefix}
    )
    return feed, raw


def _revoke(user: access.Who, feed: CalendarFeed, now: Any) -> None:
    feed.revoked_at = now
    feed.save(update_fields=["revoked_at"])
    audit_record(
        actor=user, action="calendarfeed.revoke", instance=feed, after={"prefix": feed.prefix}
    )


@transaction.atomic
def calendar_feed_revoke(*, user: access.Who, feed: CalendarFeed) -> None:
    if feed.user_id != user.pk:
        raise PermissionDenied
    if feed.revoked_at is None:
        _revoke(user, feed, timezone.now())


def calendar_feed_user(raw: str) -> User | None:
    """The active user behind a calendar address; ``None`` if unknown, revoked or inactive."""
    if not raw or len(raw) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=CalendarFeed.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user
