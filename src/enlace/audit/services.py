"""Writing audit events, called by every service inside its own transaction; and the audited
generic write (``model_save``, ``model_delete``): checked, validated whole, saved and audited
atomically."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from django.db import models, transaction

from enlace.audit.actions import verb_of
from enlace.audit.models import AuditEvent
from enlace.core.pagecache import public_changed
from enlace.core.services import lock_unchanged, require
from enlace.core.services import snapshot as snapshot  # the audit trail's before and after

if TYPE_CHECKING:
    from enlace.access import Who
    from enlace.accounts.models import User


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
    public_changed()
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user is not None else "system",
        action=action,
        verb=verb_of(action),
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
        verb=verb_of(action),
        object_type="accounts.user",
        object_id=str(known.pk) if known else "",
        object_label=known.get_username()[:200] if known else "",
        after={"address": address},
    )


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    before = before or {}
    after = after or {}
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


@transaction.atomic
def model_save(
    *,
    user: "Who",
    instance: models.Model,
    data: Mapping[str, Any],
    allowed: bool,
    expected_state: str | None = None,
) -> models.Model:
    """Apply ``data`` to ``instance`` and save it, if the user is ``allowed`` to (the caller asks
    enlace.access: the kernel knows no rule).

    The object is validated whole (``full_clean``) before anything is written, and the audit
    event with the state before and after is written in the same transaction.
    """
    require(allowed)
    creating = instance.pk is None
    before = snapshot(lock_unchanged(instance, expected_state)) if not creating else None
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    action = "create" if creating else "update"
    audit_record(
        actor=user,
        action=f"{instance._meta.model_name}.{action}",
        instance=instance,
        before=before,
        after=snapshot(instance),
    )
    return instance


@transaction.atomic
def model_delete(*, user: "Who", instance: models.Model, allowed: bool) -> None:
    require(allowed)
    before = snapshot(instance)
    audit_record(
        actor=user, action=f"{instance._meta.model_name}.delete", instance=instance, before=before
    )
    instance.delete()
