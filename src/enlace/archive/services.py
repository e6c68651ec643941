"""Writes of the Work Plan Archive: an activity completed (or cancelled, with its reason) moves
to the archive with its date, results and the meeting that took note of it; the secretariat
publishes it (or withdraws it from the public part).

An objective is in the archive when all its activities are: that is computed (see
``enlace.archive.selectors.objective_archived``), never stored.

Every write checks its rule in enlace.access, refuses a stale form (``expected_state``) and
writes its audit event in the same transaction.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, snapshot
from enlace.core.services import lock_unchanged
from enlace.meetings.models import Meeting
from enlace.workplan.models import Activity, WorkPlanVersion

ARCHIVABLE = (Activity.Status.COMPLETED, Activity.Status.CANCELLED)


def _locked(activity: Activity, expected_state: str | None) -> tuple[Activity, dict[str, Any]]:
    """The activity as saved now, locked for the transaction; refuses a stale form."""
    current = lock_unchanged(
        activity,
        expected_state,
        message=_(
            "Someone else changed this activity after you opened it. Nothing was saved: "
            "their change is shown below; make yours again."
        ),
    )
    before = snapshot(current)
    assert before is not None
    return current, before


@transaction.atomic
def activity_archive(
    user: access.Who,
    activity: Activity,
    *,
    completed_on: datetime.date | None,
    results: str = "",
    noted_by_meeting: Meeting | None = None,
    published: bool = False,
    cancel_reason: str | None = None,
    expected_state: str | None = None,
) -> Activity:
    """Move a completed or cancelled activity of the version in force to the archive.

    A completed activity needs its date and its results; a cancelled one its date and the
    reason it was cancelled (``cancel_reason``, or the one already recorded). Archiving an
    activity already in the archive corrects its archive record.
    """
    if not access.can_archive_activity(access.actor_for(user)):
        raise PermissionDenied
    current, before = _locked(activity, expected_state)
    if current.status not in ARCHIVABLE:
        raise ValidationError(
            _("Only a completed or cancelled activity goes to the archive."), code="status"
        )
    version_status = (
        WorkPlanVersion.objects.filter(pk=current.version_id).values_list("status", flat=True)
    ).get()
    if version_status != WorkPlanVersion.Status.ADOPTED:
        raise ValidationError(
            _("Only activities of the version in force go to the archive."), code="version"
        )
    errors: dict[str, str] = {}
    if completed_on is None:
        errors["completed_on"] = _("Give the date it was completed or cancelled.")
    elif completed_on > timezone.localdate():
        errors["completed_on"] = _("The date cannot be in the future.")
    results = (results or "").strip()
    reason = (cancel_reason if cancel_reason is not None else current.cancel_reason).strip()
    if current.status == Activity.Status.COMPLETED and not results:
        errors["results"] = _("Say what the activity achieved.")
    if current.status == Activity.Status.CANCELLED and not reason:
        errors["cancel_reason"] = _("Give the reason it was cancelled.")
    if errors:
        raise ValidationError(errors)
    current.completed_on = completed_on
    current.results = results
    current.cancel_reason = reason
    current.noted_by_meeting = noted_by_meeting
    current.archive_published = published
    already = current.archived_on is not None
    if not already:
        current.archived_on = timezone.localdate()
    current.full_clean()
    current.save()
    audit_record(
        actor=user,
        action="activity.archive_update" if already else "activity.archive",
        instance=current,
        before=before,
        after=snapshot(current),
    )
    return current


@transaction.atomic
def _set_published(user: access.Who, activity: Activity, published: bool) -> Activity:
    if not access.can_archive_activity(access.actor_for(user)):
        raise PermissionDenied
    current, before = _locked(activity, None)
    if current.archived_on is None:
        raise ValidationError(_("This activity is not in the archive."), code="not_archived")
    if current.archive_published == published:
        return current
    current.archive_published = published
    current.save(update_fields=["archive_published", "updated_at"])
    audit_record(
        actor=user,
        action="activity.archive_publish" if published else "activity.archive_unpublish",
        instance=current,
        before=before,
        after=snapshot(current),
    )
    return current


def archive_publish(user: access.Who, activity: Activity) -> Activity:
    """Show an archived activity to the public."""
    return _set_published(user, activity, True)


def archive_unpublish(user: access.Who, activity: Activity) -> Activity:
    """Withdraw an archived activity from the public part of the archive."""
    return _set_published(user, activity, False)
