"""Writing audit events. Called by every service inside its own transaction."""

import datetime
import decimal
import uuid
from typing import TYPE_CHECKING, Any, cast

from django.db import models

from enlace.audit.models import AuditEvent

if TYPE_CHECKING:
    from enlace.access import Who
    from enlace.accounts.models import User


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


def audit_record(
    *,
    actor: "Who | None",
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``instance``; ``before``/``after`` are snapshots."""
    # Signed in: an account of AUTH_USER_MODEL; a visitor and the system are named, not linked.
    user = cast("User", actor) if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user is not None else "system",
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_label=str(instance)[:200],
        before=before,
        after=after,
    )


def audit_security_event(*, action: str, user: "User | None", address: str) -> AuditEvent:
    """A sign-in event (a failure, a lockout) about ``user``, or about no known account.

    It has no acting user: whoever tried is not known. What was typed is never stored.
    """
    known = user if user is not None and user.pk is not None else None
    return AuditEvent.objects.create(
        actor=None,
        actor_label="anonymous",
        action=action,
        object_type="accounts.user",
        object_id=str(known.pk) if known else "",
        object_label=known.get_username()[:200] if known else "",
        after={"address": address},
    )


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    before = before or {}
    after = after or {}
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
