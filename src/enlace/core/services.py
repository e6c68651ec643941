"""The kernel of every write: the state a form read (``snapshot``, ``state_token``), the refusal
of a stale edit, the permission check, the file deleted after commit. The audited generic write
itself (``model_save``, ``model_delete``) is the audit trail's (enlace.audit.services)."""

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

if TYPE_CHECKING:
    pass


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or None
    return value


def snapshot(instance: models.Model | None) -> dict[str, Any] | None:
    """The concrete field values of a model instance, as JSON-safe data."""
    if instance is None:
        return None
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        data[field.attname] = _json_value(getattr(instance, field.attname))
    return data


class EditConflict(ValidationError):
    """Someone else saved the object after the form was opened; nothing was overwritten."""


def snapshot_token(data: Mapping[str, Any] | None) -> str:
    """The fingerprint of a snapshot (``audit.services.snapshot`` of an object, or one kept in
    an audit event): the same as ``state_token`` of the object it was taken of."""
    raw = json.dumps(data if data is None else dict(data), sort_keys=True, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def state_token(instance: models.Model) -> str:
    """A fingerprint of an object's saved state, carried by edit forms to detect conflicts."""
    return snapshot_token(snapshot(instance))


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


CONFLICT_MESSAGE = gettext_lazy(
    "Someone else changed this record after you opened it. Nothing was saved: "
    "reload the page to see their changes, then make yours again."
)


def is_stale[M: models.Model](
    current: M, expected_state: str | None, *, token: Callable[[M], str] = state_token
) -> bool:
    """Whether the object changed since a form read ``expected_state`` (its ``token``,
    ``state_token`` unless the form fingerprints more or less of it); ``None`` is a write that
    does not come from a form, never stale."""
    return expected_state is not None and token(current) != expected_state


def refuse_stale[M: models.Model](
    current: M,
    expected_state: str | None,
    *,
    message: Any = None,
    token: Callable[[M], str] = state_token,
) -> None:
    """Refuse to overwrite a later edit: the one "someone else edited this" check."""
    if is_stale(current, expected_state, token=token):
        raise EditConflict(message or CONFLICT_MESSAGE, code="conflict")


def lock_unchanged[M: models.Model](
    instance: M, expected_state: str | None, *, message: Any = None
) -> M:
    """The object as saved now, locked for the transaction, if no one changed it since the
    form was read (otherwise ``EditConflict``, and nothing is written)."""
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    refuse_stale(current, expected_state, message=message)
    return current


def delete_file_on_commit(storage: Any, name: str | None) -> None:
    """Remove a stored file once the transaction that stops using it commits: a rollback keeps
    it, and nothing is deleted that the database still names."""
    if name:
        transaction.on_commit(partial(storage.delete, name))


def deadline_error(
    value: datetime.date | None,
    *,
    previous: datetime.date | None = None,
    earliest: datetime.date | None = None,
) -> ValidationError | None:
    """The refusal of a deadline set before today (or before ``earliest``, where the deadline
    belongs to a past event such as an old meeting's commitment); None when the date may stand.

    A date that does not change (``previous``) stands: a deadline recorded long ago is history,
    not a new mistake.
    """
    if value is None or value == previous:
        return None
    today = timezone.localdate()
    floor = min(earliest, today) if earliest is not None else today
    if value >= floor:
        return None
    if floor == today:
        return ValidationError(
            gettext("A deadline cannot be in the past: choose today (%(today)s) or a later date.")
            % {"today": today.isoformat()},
            code="past",
        )
    return ValidationError(
        gettext(
            "A deadline cannot be before the meeting where it was agreed: choose %(date)s or a "
            "later date."
        )
        % {"date": floor.isoformat()},
        code="past",
    )
