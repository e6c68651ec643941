"""Follow-up of the plan in force: a responsible country (or the secretariat) records an
activity's status and progress, its milestones and its evidence.

Every write checks ``access.can_update_activity`` with the activity's responsible countries,
works only on the adopted version in force (never on drafts, superseded versions or archived
activities), and writes its audit event on the activity in the same transaction, so that the
activity's history is its audit events. Updates carry the state fingerprint of the activity as
it was when the form was opened: a later save by someone else is refused with an
``ActivityConflict`` that says what they changed (field: what you opened → what is saved now).
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.models import AuditEvent
from enlace.audit.services import audit_record, snapshot
from enlace.core.services import (
    EditConflict,
    delete_file_on_commit,
    is_stale,
    snapshot_token,
)
from enlace.core.uploads import check_upload
from enlace.meetings.services import ALLOWED_DOCUMENT_KINDS, ALLOWED_DOCUMENT_SUFFIXES
from enlace.workplan.display import CLOSED, display_value, field_label
from enlace.workplan.models import Activity, Evidence, Milestone, WorkPlanVersion

# What a follow-up form changes, and so what it carries as "what you opened".
FOLLOW_FIELDS = ("status", "progress", "completed_on", "results", "cancel_reason")
# Fields a conflict never lists: they change with every save.
_NOISE = {"updated_at"}
# Evidence may also be a photograph or a table of figures.
ALLOWED_EVIDENCE_SUFFIXES = ALLOWED_DOCUMENT_SUFFIXES | {".jpg", ".jpeg", ".png", ".csv"}
ALLOWED_EVIDENCE_KINDS = ALLOWED_DOCUMENT_KINDS | {"jpeg", "png", "csv"}


@dataclass(frozen=True)
class FieldChange:
    """One field someone else changed: its label, what you opened, what is saved now."""

    field: str
    label: str
    opened: str
    saved: str


class ActivityConflict(EditConflict):
    """The activity was saved by someone else after the form was opened: nothing was written.
    ``changes`` lists their change field by field; ``by`` and ``at`` say who saved last."""

    def __init__(self, changes: list[FieldChange], by: str, at: datetime.datetime | None) -> None:
        super().__init__(
            _(
                "Someone else saved this activity after you opened it, so nothing was saved. "
                "Their change is shown below: check it, then make yours again."
            ),
            code="conflict",
        )
        self.changes = changes
        self.by = by
        self.at = at


def opened_values(activity: Activity) -> dict[str, Any]:
    """The follow-up fields as a form shows them, to send back as "what you opened"."""
    data = snapshot(activity) or {}
    return {name: data.get(name) for name in FOLLOW_FIELDS}


def _events(activity_pk: int) -> Any:
    return AuditEvent.objects.filter(
        object_type=Activity._meta.label_lower, object_id=str(activity_pk)
    )


def _opened_from_history(activity_pk: int, expected_state: str) -> dict[str, Any] | None:
    """When a caller did not send what it opened (the API), find it in the activity's audit
    events: the snapshot whose fingerprint is the one the caller holds."""
    for event in _events(activity_pk).order_by("-at", "-pk")[:50]:
        for data in (event.after, event.before):
            if (
                isinstance(data, dict)
                and "status" in data
                and snapshot_token(data) == expected_state
            ):
                return data
    return None


def _conflict(
    current: Activity, expected_state: str, opened: Mapping[str, Any] | None
) -> ActivityConflict:
    saved = snapshot(current) or {}
    reference = (
        dict(opened) if opened is not None else _opened_from_history(current.pk, expected_state)
    )
    changes: list[FieldChange] = []
    if reference is not None:
        names = [n for n in saved if n in reference and n not in _NOISE]
        for name in names:
            if str(reference.get(name) or "") != str(saved.get(name) or ""):
                changes.append(
                    FieldChange(
                        field=name,
                        label=field_label(name),
                        opened=display_value(name, reference.get(name)),
                        saved=display_value(name, saved.get(name)),
                    )
                )
    last = _events(current.pk).order_by("-at", "-pk").first()
    return ActivityConflict(
        changes, by=last.actor_label if last else "", at=last.at if last else None
    )


def _responsible_country_ids(activity: Activity) -> set[int]:
    return set(activity.responsible_countries.values_list("pk", flat=True))


def _locked_for_follow_up(user: access.Who, activity: Activity) -> Activity:
    """The activity, locked for this transaction, once the user may follow it up and it is
    an open entry of the version in force."""
    locked = Activity.objects.select_for_update().select_related("version").get(pk=activity.pk)
    if not access.can_update_activity(access.actor_for(user), _responsible_country_ids(locked)):
        raise PermissionDenied
    if locked.version.status != WorkPlanVersion.Status.ADOPTED:
        raise ValidationError(
            _("Only the activities of the version in force are followed up."), code="frozen"
        )
    if locked.archived_on is not None:
        raise ValidationError(
            _("This activity is in the Work Plan Archive and is no longer updated."),
            code="archived",
        )
    return locked


def _check_progress(
    status: str, progress: int, completed_on: datetime.date | None, cancel_reason: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if status not in Activity.Status.values:
        errors["status"] = _("Choose a status from the list.")
    if not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a percentage between 0 and 100.")
    if status == Activity.Status.COMPLETED and completed_on is None:
        errors["completed_on"] = _("Say on which day the activity was completed.")
    if completed_on is not None and completed_on > timezone.localdate():
        errors["completed_on"] = _("The completion date cannot be in the future.")
    if status == Activity.Status.CANCELLED and not cancel_reason:
        errors["cancel_reason"] = _("Say why the activity is cancelled.")
    return errors


@transaction.atomic
def activity_update_progress(
    *,
    user: access.Who,
    activity: Activity,
    status: str,
    progress: int,
    completed_on: datetime.date | None = None,
    cancel_reason: str = "",
    results: str | None = None,
    expected_state: str | None = None,
    opened: Mapping[str, Any] | None = None,
) -> Activity:
    """Record an activity's status and progress (0–100).

    Completed forces 100 % and needs the completion date; cancelled needs the reason. A date
    or reason that no longer applies to the new status is cleared. ``expected_state`` is the
    ``state_token`` of the activity when the form was opened, ``opened`` its follow-up values
    then (``opened_values``); if someone saved in between, ``ActivityConflict`` is raised and
    nothing is written. ``results`` (what the activity produced) is kept when omitted.
    """
    locked = _locked_for_follow_up(user, activity)
    if expected_state is not None and is_stale(locked, expected_state):
        raise _conflict(locked, expected_state, opened)
    cancel_reason = (cancel_reason or "").strip()
    errors = _check_progress(status, progress, completed_on, cancel_reason)
    if errors:
        raise ValidationError(errors)
    before = snapshot(locked)
    locked.status = status
    locked.progress = 100 if status == Activity.Status.COMPLETED else progress
    locked.completed_on = completed_on if status in CLOSED else None
    locked.cancel_reason = cancel_reason if status == Activity.Status.CANCELLED else ""
    if results is not None:
        locked.results = results.strip()
    locked.full_clean()
    after = snapshot(locked) or {}
    if {k: v for k, v in (before or {}).items() if k not in _NOISE} == {
        k: v for k, v in after.items() if k not in _NOISE
    }:
        return locked  # nothing changed: no write, no event
    locked.save()
    audit_record(
        actor=user,
        action="activity.progress",
        instance=locked,
        before=before,
        after=snapshot(locked),
    )
    for name in (*FOLLOW_FIELDS, "updated_at"):
        setattr(activity, name, getattr(locked, name))
    return locked


@transaction.atomic
def milestone_add(
    *, user: access.Who, activity: Activity, date: datetime.date, note: str
) -> Milestone:
    """A dated entry in the activity's record (a workshop held, a draft circulated)."""
    locked = _locked_for_follow_up(user, activity)
    milestone = Milestone(
        activity=locked, date=date, note=(note or "").strip(), author=access.account_of(user)
    )
    milestone.full_clean()
    milestone.save()
    audit_record(
        actor=user,
        action="activity.milestone_add",
        instance=locked,
        after={"milestone": milestone.pk, "date": date.isoformat(), "note": milestone.note},
    )
    return milestone


def _validate_upload(upload: "UploadedFile[bytes]") -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_EVIDENCE_SUFFIXES:
        raise ValidationError(
            {
                "file": _("This kind of file is not accepted. Use one of: %(kinds)s.")
                % {"kinds": ", ".join(sorted(ALLOWED_EVIDENCE_SUFFIXES))}
            }
        )
    if upload.size is not None and upload.size > settings.ENLACE_MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(size)s MB.")
                % {"size": f"{settings.ENLACE_MAX_DOCUMENT_BYTES / (1024 * 1024):.1f}"}
            }
        )
    # The name is not enough: an HTML page named .pdf is refused by its content.
    check_upload(upload, ALLOWED_EVIDENCE_KINDS, field="file")


def _evidence_record(evidence: Evidence) -> dict[str, Any]:
    return {
        "evidence": evidence.pk,
        "title": evidence.title,
        "link": evidence.url or None,
        "file": evidence.file.name or None,
    }


@transaction.atomic
def evidence_add(
    *,
    user: access.Who,
    activity: Activity,
    title: str,
    url: str = "",
    upload: "UploadedFile[bytes] | None" = None,
) -> Evidence:
    """Evidence of an activity: a link, an uploaded file (kinds and size as for meeting
    documents, plus images and CSV), or both. A refused file leaves nothing in storage."""
    locked = _locked_for_follow_up(user, activity)
    url = (url or "").strip()
    if not url and upload is None:
        raise ValidationError({"url": _("Give a link or upload a file.")})
    if upload is not None:
        _validate_upload(upload)
    evidence = Evidence(
        activity=locked, title=(title or "").strip(), url=url, author=access.account_of(user)
    )
    try:
        evidence.full_clean(exclude=["file"])
        if upload is not None:
            evidence.file.save(PurePath(upload.name or "evidence").name, upload, save=False)
        evidence.save()
        audit_record(
            actor=user,
            action="activity.evidence_add",
            instance=locked,
            after=_evidence_record(evidence),
        )
    except Exception:
        if evidence.file and evidence.file.name:
            evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, user: access.Who, evidence: Evidence) -> None:
    """Remove a piece of evidence (its file goes once the removal is committed)."""
    try:
        current = Evidence.objects.select_for_update().get(pk=evidence.pk)
    except Evidence.DoesNotExist:
        raise ValidationError(_("This evidence was already removed."), code="gone") from None
    locked = _locked_for_follow_up(user, current.activity)
    record = _evidence_record(current)
    file = current.file
    current.delete()
    audit_record(actor=user, action="activity.evidence_remove", instance=locked, before=record)
    if file:
        delete_file_on_commit(file.storage, file.name)
