"""What an audit event records was done: the verbs of the platform's writes, as choices.

An event's ``action`` is ``<object type>.<verb>`` (``activity.progress``); its ``verb`` is one of
these, so that a reader filters by a choice and shows its label, never parses the string back.
``audit_record`` refuses a verb that is not here: a new kind of write adds its verb first.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    # Any record.
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    REORDER = "reorder", _("Reordered")
    CHANGE = "change", _("Changed in the administration")
    # Reports and their points.
    POINTS = "points", _("Points written")
    ADOPT = "adopt", _("Adopted")
    PRESENT = "present", _("Presented to the GRCM")
    PUBLISH = "publish", _("Published")
    UNPUBLISH = "unpublish", _("Publication withdrawn")
    REVISE = "revise", _("Corrected (new revision)")
    ANSWER = "answer", _("Answered")
    DELEGATIONS_AGENDA = "delegations_agenda", _("Delegations and agenda set")
    # Commitments.
    PROPOSE = "propose", _("Proposed")
    CONFIRM = "confirm", _("Confirmed")
    ADD = "add", _("Added")
    DISMISS = "dismiss", _("Dismissed")
    COMPLETE = "complete", _("Completed")
    REOPEN = "reopen", _("Reopened")
    # The work plan, its follow-up and archive.
    REVIEW = "review", _("Put to review")
    SUPERSEDE = "supersede", _("Superseded")
    ACCEPT = "accept", _("Accepted")
    REJECT = "reject", _("Rejected")
    PROGRESS = "progress", _("Progress recorded")
    MILESTONE_ADD = "milestone_add", _("Milestone added")
    EVIDENCE_ADD = "evidence_add", _("Evidence added")
    EVIDENCE_REMOVE = "evidence_remove", _("Evidence removed")
    REMINDER = "reminder", _("Deadline reminder sent")
    FROM_COMMITMENT = "from_commitment", _("Created from a commitment")
    ARCHIVE = "archive", _("Archived")
    ARCHIVE_UPDATE = "archive_update", _("Archive entry changed")
    ARCHIVE_PUBLISH = "archive_publish", _("Archive entry published")
    ARCHIVE_UNPUBLISH = "archive_unpublish", _("Archive entry withdrawn")
    # Contributions and country reports.
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Returned")
    LINK_POINT = "link_point", _("Linked to a report point")
    SUBMITTED = "submitted", _("Submitted")
    QUERIED = "queried", _("Queried")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    REVISED = "revised", _("Revised")
    REMIND = "remind", _("Reminded")
    # Cooperation requests and protected cases.
    ACKNOWLEDGE = "acknowledge", _("Acknowledged")
    START = "start", _("Work started")
    DECLINE = "decline", _("Declined")
    CLOSE = "close", _("Closed")
    MESSAGE = "message", _("Message written")
    ATTACHMENT = "attachment", _("File attached")
    CHILD_STEP = "child_step", _("Child-protection step updated")
    EVENT = "event", _("Trafficking event recorded")
    IDENTITY_VIEW = "identity_view", _("Identifying data viewed")
    IDENTITY_SAVE = "identity_save", _("Identifying data saved")
    IDENTITY_PURGE = "identity_purge", _("Identifying data erased")
    # Accounts, tokens and sign-in.
    REVOKE = "revoke", _("Revoked")
    REVOKE_ALL = "revoke_all", _("All revoked")
    DEACTIVATE = "deactivate", _("Deactivated")
    REACTIVATE = "reactivate", _("Reactivated")
    PASSWORD_CHANGE = "password_change", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOGIN_LOCKED = "login_locked", _("Sign-in locked")


def verb_of(action: str) -> Verb:
    """The verb of ``<object type>.<verb>``; ValueError if the platform knows no such verb."""
    verb = action.rsplit(".", 1)[-1]
    if verb not in Verb.values:
        raise ValueError(f"unknown audit verb {verb!r} (in {action!r}): add it to Verb")
    return Verb(verb)
