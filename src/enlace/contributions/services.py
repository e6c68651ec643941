"""Every write of contributions, recommendations, answers, follow-ups and cooperation
mechanisms. Each checks its rule in enlace.access, validates the whole object, saves and writes
its audit event in one transaction; an edit made on a stale state raises ``EditConflict`` and
writes nothing. Files are deleted only once the transaction is committed."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, snapshot
from enlace.commitments.models import Commitment
from enlace.commitments.services import commitment_add
from enlace.contributions.models import (
    Answer,
    AnswerRevision,
    Contribution,
    ContributionDocument,
    FollowUp,
    Mechanism,
    MechanismDocument,
    Recommendation,
)
from enlace.core.services import (
    CONFLICT_MESSAGE,
    EditConflict,
    delete_file_on_commit,
    lock_unchanged,
    refuse_stale,
    require,
)
from enlace.core.uploads import check_upload
from enlace.meetings.models import Meeting
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint
from enlace.workplan.services import activity_create

CONTRIBUTION_FIELDS = ("kind", "title", "summary", "visibility")
MECHANISM_FIELDS = ("title", "kind", "scope", "start_date", "end_date", "status", "visibility")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# What a contribution or mechanism document may be, read from its content: never HTML or SVG.
DOCUMENT_KINDS = frozenset({"pdf", "docx", "doc", "odt", "txt", "rtf", "xlsx", "pptx"})


def _apply(instance: models.Model, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in data.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)


def _audit(user: access.Who, instance: models.Model, action: str, before: Any) -> None:
    audit_record(
        actor=user,
        action=f"{instance._meta.model_name}.{action}",
        instance=instance,
        before=before,
        after=snapshot(instance),
    )


def _check_file(file: Any) -> None:
    if file is None or not getattr(file, "name", ""):
        raise ValidationError({"file": _("Choose a file.")})
    if (file.size or 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    check_upload(file, DOCUMENT_KINDS, field="file")


# --- contributions -----------------------------------------------------------------------------


@transaction.atomic
def contribution_submit(
    *,
    user: access.Who,
    meeting: Meeting,
    organisation: Organisation | None = None,
    country: Country | None = None,
    data: Mapping[str, Any],
) -> Contribution:
    """An observer organisation (or observer country) submits a contribution to a meeting,
    before or during it. The secretariat may record one for an observer at any time."""
    actor = access.actor_for(user)
    require(access.can_submit_contribution(actor))
    if (organisation is None) == (country is None):
        raise ValidationError(_("Choose the organisation or the observer country that submits it."))
    if not access.can_submit_contribution_for(
        actor, organisation.pk if organisation else None, country.pk if country else None
    ):
        raise PermissionDenied
    if not access.can_view_meeting(actor, meeting):
        raise ValidationError({"meeting": _("Choose a meeting you can see.")})
    if not access.can_contribute_after_meeting(actor) and meeting.end_date < timezone.localdate():
        raise ValidationError(
            {"meeting": _("This meeting is over: contributions are submitted before or during it.")}
        )
    if organisation is not None and not organisation.is_observer:
        raise ValidationError({"organisation": _("This organisation is not an observer.")})
    if country is not None and country.status != Country.Status.OBSERVER:
        raise ValidationError({"country": _("This country is not an observer country.")})
    contribution = Contribution(
        meeting=meeting,
        organisation=organisation,
        country=country,
        submitted_by=access.account_of(user),
    )
    _apply(contribution, data, CONTRIBUTION_FIELDS)
    contribution.full_clean()
    contribution.save()
    _audit(user, contribution, "submit", None)
    return contribution


@transaction.atomic
def contribution_update(
    *,
    user: access.Who,
    contribution: Contribution,
    data: Mapping[str, Any],
    expected_state: str | None = None,
) -> Contribution:
    """The author edits a submitted or returned contribution (a returned one goes back to
    submitted); the secretariat may correct it at any time."""
    actor = access.actor_for(user)
    require(access.can_edit_contribution(actor, contribution))
    lock_unchanged(contribution, expected_state)
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    before = snapshot(locked)
    _apply(locked, data, CONTRIBUTION_FIELDS)
    if locked.status == Contribution.Status.RETURNED and access.edit_resubmits_contribution(actor):
        locked.status = Contribution.Status.SUBMITTED
        locked.return_reason = ""
        locked.decided_on = None
    locked.full_clean()
    locked.save()
    _audit(user, locked, "update", before)
    return locked


@transaction.atomic
def contribution_withdraw(
    *, user: access.Who, contribution: Contribution, expected_state: str | None = None
) -> None:
    """The author withdraws a contribution not yet in the record: it is deleted with its
    documents (their files once committed) and recommendations; the audit keeps what it was."""
    require(access.can_withdraw_contribution(access.actor_for(user), contribution))
    locked = lock_unchanged(contribution, expected_state)
    if not access.can_withdraw_contribution(access.actor_for(user), locked):
        raise ValidationError(
            _("This contribution is now in the meeting's record: it can no longer be withdrawn.")
        )
    before = snapshot(locked)
    files = [(d.file.storage, d.file.name) for d in locked.documents.all() if d.file.name]
    audit_record(actor=user, action="contribution.delete", instance=locked, before=before)
    locked.delete()
    for storage, name in files:
        delete_file_on_commit(storage, name)


def _check_point(contribution: Contribution, point: ReportPoint | None) -> None:
    if point is not None and point.report.meeting_id != contribution.meeting_id:
        raise ValidationError(
            {"report_point": _("Choose a point of a report of the contribution's meeting.")}
        )


@transaction.atomic
def contribution_accept(
    *,
    user: access.Who,
    contribution: Contribution,
    report_point: ReportPoint | None = None,
    expected_state: str | None = None,
) -> Contribution:
    """The secretariat accepts a contribution into the meeting's record (optionally naming the
    report point that took note of it)."""
    require(access.can_decide_contribution(access.actor_for(user)))
    lock_unchanged(contribution, expected_state)
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.status == Contribution.Status.ACCEPTED:
        raise ValidationError(_("This contribution is already in the meeting's record."))
    _check_point(locked, report_point)
    before = snapshot(locked)
    locked.status = Contribution.Status.ACCEPTED
    locked.return_reason = ""
    locked.decided_on = timezone.localdate()
    if report_point is not None:
        locked.report_point = report_point
    locked.full_clean()
    locked.save()
    _audit(user, locked, "accept", before)
    return locked


@transaction.atomic
def contribution_return(
    *, user: access.Who, contribution: Contribution, reason: str, expected_state: str | None = None
) -> Contribution:
    """The secretariat returns a submitted contribution to its author, saying why."""
    require(access.can_decide_contribution(access.actor_for(user)))
    lock_unchanged(contribution, expected_state)
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.status != Contribution.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted contribution can be returned."))
    if not reason.strip():
        raise ValidationError({"return_reason": _("Say why the contribution is returned.")})
    before = snapshot(locked)
    locked.status = Contribution.Status.RETURNED
    locked.return_reason = reason.strip()
    locked.decided_on = timezone.localdate()
    locked.full_clean()
    locked.save()
    _audit(user, locked, "return", before)
    return locked


@transaction.atomic
def contribution_link_point(
    *, user: access.Who, contribution: Contribution, report_point: ReportPoint | None
) -> Contribution:
    """The secretariat links (or unlinks) the report point that took note of a contribution."""
    require(access.can_decide_contribution(access.actor_for(user)))
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    _check_point(locked, report_point)
    before = snapshot(locked)
    locked.report_point = report_point
    locked.save()
    _audit(user, locked, "link_point", before)
    return locked


@transaction.atomic
def contribution_document_add(
    *, user: access.Who, contribution: Contribution, title: str, file: Any
) -> ContributionDocument:
    require(access.can_edit_contribution(access.actor_for(user), contribution))
    _check_file(file)
    document = ContributionDocument(contribution=contribution, title=title.strip())
    if not document.title:
        raise ValidationError({"title": _("Give the document a title.")})
    document.file.save(file.name, file, save=False)
    document.save()
    _audit(user, document, "create", None)
    return document


@transaction.atomic
def contribution_document_remove(*, user: access.Who, document: ContributionDocument) -> None:
    require(access.can_edit_contribution(access.actor_for(user), document.contribution))
    before = snapshot(document)
    _audit(user, document, "delete", before)
    delete_file_on_commit(document.file.storage, document.file.name)
    document.delete()


# --- recommendations ---------------------------------------------------------------------------


def _member_countries(countries: Iterable[Country]) -> list[Country]:
    chosen = list(countries)
    if any(c.status != Country.Status.MEMBER for c in chosen):
        raise ValidationError(
            {"countries": _("Recommendations are addressed to member countries.")}
        )
    return chosen


@transaction.atomic
def recommendation_save(
    *,
    user: access.Who,
    contribution: Contribution,
    text: str,
    to_all_members: bool,
    countries: Iterable[Country] = (),
    recommendation: Recommendation | None = None,
    expected_state: str | None = None,
) -> Recommendation:
    """Add a recommendation to a contribution, or change one: its text and to whom it is
    addressed (all member countries, or those chosen)."""
    require(access.can_edit_contribution(access.actor_for(user), contribution))
    chosen = _member_countries(countries)
    if not to_all_members and not chosen:
        raise ValidationError(
            {"countries": _("Choose the countries it is addressed to, or address it to all.")}
        )
    if not text.strip():
        raise ValidationError({"text": _("Write the recommendation.")})
    if recommendation is None:
        last = contribution.recommendations.aggregate(models.Max("position"))["position__max"]
        item = Recommendation(contribution=contribution, position=(last or 0) + 1)
        before = None
    else:
        if recommendation.contribution_id != contribution.pk:
            raise PermissionDenied
        lock_unchanged(recommendation, expected_state)
        item = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        before = snapshot(item)
        answered = set(item.answers.values_list("country__code", flat=True))
        kept = None if to_all_members else {c.code for c in chosen}
        if kept is not None and answered - kept:
            raise ValidationError(
                {
                    "countries": _(
                        "These countries have answered and stay among the addressees: %(codes)s"
                    )
                    % {"codes": ", ".join(sorted(answered - kept))}
                }
            )
    item.text = text.strip()
    item.to_all_members = to_all_members
    item.full_clean()
    item.save()
    item.countries.set([] if to_all_members else chosen)
    audit_record(
        actor=user,
        action=f"recommendation.{'create' if before is None else 'update'}",
        instance=item,
        before=before,
        after={**(snapshot(item) or {}), "countries": sorted(c.code for c in chosen)},
    )
    return item


@transaction.atomic
def recommendation_delete(*, user: access.Who, recommendation: Recommendation) -> None:
    contribution = recommendation.contribution
    require(access.can_edit_contribution(access.actor_for(user), contribution))
    if recommendation.answers.exists() or recommendation.follow_ups.exists():
        raise ValidationError(_("A recommendation that countries have answered is kept."))
    _audit(user, recommendation, "delete", snapshot(recommendation))
    recommendation.delete()


def is_addressed_to(recommendation: Recommendation, country: Country) -> bool:
    if country.status != Country.Status.MEMBER:
        return False
    if recommendation.to_all_members:
        return True
    return recommendation.countries.filter(pk=country.pk).exists()


# --- answers -----------------------------------------------------------------------------------


@transaction.atomic
def answer_save(
    *,
    user: access.Who,
    recommendation: Recommendation,
    country: Country,
    position: str,
    reasons: str = "",
    actions: str = "",
    expected_state: str | None = None,
) -> Answer:
    """A member country answers a recommendation addressed to it (or revises its answer).

    ``expected_state`` is the answer's state token when the form was opened, or ``""`` when
    there was no answer yet: if someone of the country answered meanwhile, nothing is
    overwritten (``EditConflict``). Every saved answer is kept in the answer's history.
    """
    contribution = Contribution.objects.get(pk=recommendation.contribution_id)
    require(access.can_answer_recommendation(access.actor_for(user), contribution, country.pk))
    if not is_addressed_to(recommendation, country):
        raise ValidationError(_("This recommendation is not addressed to your country."))
    if position not in Answer.Position.values:
        raise ValidationError({"position": _("Choose accepted, under study or not accepted.")})
    if position == Answer.Position.NOT_ACCEPTED and not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons why it is not accepted.")})
    existing = (
        Answer.objects.select_for_update()
        .filter(recommendation=recommendation, country=country)
        .first()
    )
    if existing is not None:
        refuse_stale(existing, expected_state)
        before = snapshot(existing)
        answer = existing
    else:
        if expected_state:
            # The form was opened on an answer that is no longer there.
            raise EditConflict(CONFLICT_MESSAGE, code="conflict")
        before = None
        answer = Answer(recommendation=recommendation, country=country)
    answer.position = position
    answer.reasons = reasons.strip()
    answer.actions = actions.strip()
    answer.answered_by = access.account_of(user)
    answer.full_clean()
    answer.save()
    AnswerRevision.objects.create(
        answer=answer, position=answer.position, reasons=answer.reasons, actions=answer.actions
    )
    _audit(user, answer, "create" if before is None else "update", before)
    return answer


# --- follow-up: a commitment or a work plan activity --------------------------------------------


def _accepting_country(recommendation: Recommendation, country: Country) -> None:
    if not Answer.objects.filter(
        recommendation=recommendation, country=country, position=Answer.Position.ACCEPTED
    ).exists():
        raise ValidationError(
            {"country": _("Only a recommendation the country accepted can be followed up.")}
        )


@transaction.atomic
def recommendation_to_commitment(
    *,
    user: access.Who,
    recommendation: Recommendation,
    country: Country,
    due_date: datetime.date | None = None,
) -> FollowUp:
    """An accepted recommendation becomes an open commitment of the country that accepted it.

    A commitment hangs on a report point: the one that took note of the contribution. Without
    it, the secretariat first links the point (``contribution_link_point``).
    """

    require(access.can_follow_up_as_commitment(access.actor_for(user)))
    _accepting_country(recommendation, country)
    point = Contribution.objects.get(pk=recommendation.contribution_id).report_point
    if point is None:
        raise ValidationError(
            _(
                "Link the report point that took note of the contribution first: a commitment "
                "belongs to a point of a report."
            )
        )
    if FollowUp.objects.filter(
        recommendation=recommendation, country=country, commitment__isnull=False
    ).exists():
        raise ValidationError(_("This recommendation is already a commitment of that country."))
    commitment = commitment_add(
        user=user,
        point=point,
        data={
            "actor_kind": Commitment.ActorKind.COUNTRY,
            "country": country,
            "text": recommendation.text,
            "due_date": due_date,
        },
    )
    follow_up = FollowUp.objects.create(
        recommendation=recommendation, country=country, commitment=commitment
    )
    _audit(user, follow_up, "create", None)
    return follow_up


@transaction.atomic
def recommendation_to_activity(
    *, user: access.Who, recommendation: Recommendation, country: Country, objective: Any
) -> FollowUp:
    """An accepted recommendation becomes an activity of a work plan version being drafted,
    with the country that accepted it as responsible (the work plan's own rules apply)."""

    require(access.can_follow_up_as_activity(access.actor_for(user)))
    _accepting_country(recommendation, country)
    if FollowUp.objects.filter(
        recommendation=recommendation, activity__version_id=objective.version_id
    ).exists():
        raise ValidationError(_("This recommendation is already an activity of that version."))
    activity = activity_create(
        user=user,
        objective=objective,
        data={"title_es": recommendation.text[:400], "responsible_countries": [country]},
    )
    follow_up = FollowUp.objects.create(
        recommendation=recommendation, country=country, activity=activity
    )
    _audit(user, follow_up, "create", None)
    return follow_up


# --- cooperation mechanisms ----------------------------------------------------------------------


@transaction.atomic
def mechanism_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    countries: Iterable[Country],
    organisations: Iterable[Organisation],
    mechanism: Mechanism | None = None,
    expected_state: str | None = None,
) -> Mechanism:
    """Register a cooperation mechanism, or change one: member countries on one side,
    civil society or international organisations on the other."""
    require(access.can_manage_mechanisms(access.actor_for(user)))
    chosen_countries = list(countries)
    chosen_organisations = list(organisations)
    errors: dict[str, str] = {}
    if not chosen_countries:
        errors["countries"] = _("Choose at least one member country.")
    elif any(c.status != Country.Status.MEMBER for c in chosen_countries):
        errors["countries"] = _("The parties on this side are member countries.")
    if not chosen_organisations:
        errors["organisations"] = _("Choose at least one organisation.")
    if errors:
        raise ValidationError(errors)
    if mechanism is None:
        item = Mechanism()
        before = None
    else:
        lock_unchanged(mechanism, expected_state)
        item = Mechanism.objects.select_for_update().get(pk=mechanism.pk)
        before = snapshot(item)
    _apply(item, data, MECHANISM_FIELDS)
    item.full_clean()
    item.save()
    item.countries.set(chosen_countries)
    item.organisations.set(chosen_organisations)
    audit_record(
        actor=user,
        action=f"mechanism.{'create' if before is None else 'update'}",
        instance=item,
        before=before,
        after={
            **(snapshot(item) or {}),
            "countries": sorted(c.code for c in chosen_countries),
            "organisations": sorted(o.pk for o in chosen_organisations),
        },
    )
    return item


@transaction.atomic
def mechanism_document_add(
    *, user: access.Who, mechanism: Mechanism, title: str, file: Any
) -> MechanismDocument:
    require(access.can_manage_mechanisms(access.actor_for(user)))
    _check_file(file)
    document = MechanismDocument(mechanism=mechanism, title=title.strip())
    if not document.title:
        raise ValidationError({"title": _("Give the document a title.")})
    document.file.save(file.name, file, save=False)
    document.save()
    _audit(user, document, "create", None)
    return document


@transaction.atomic
def mechanism_document_remove(*, user: access.Who, document: MechanismDocument) -> None:
    require(access.can_manage_mechanisms(access.actor_for(user)))
    _audit(user, document, "delete", snapshot(document))
    delete_file_on_commit(document.file.storage, document.file.name)
    document.delete()
