"""The one way a model is written: checked, validated whole, saved, audited, atomically."""

import hashlib
import json
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from enlace.audit.services import audit_record, snapshot


class EditConflict(ValidationError):
    """Someone else saved the object after the form was opened; nothing was overwritten."""


def state_token(instance: models.Model) -> str:
    """A fingerprint of an object's saved state, carried by edit forms to detect conflicts."""
    data = json.dumps(snapshot(instance), sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _check_state(instance: models.Model, expected_state: str | None) -> None:
    if expected_state is None or instance.pk is None:
        return
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if state_token(current) != expected_state:
        raise EditConflict(
            _(
                "Someone else changed this record after you opened it. Nothing was saved: "
                "reload the page to see their changes, then make yours again."
            ),
            code="conflict",
        )


@transaction.atomic
def model_save(
    *,
    user: Any,
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
    if not creating:
        _check_state(instance, expected_state)
        before = snapshot(type(instance)._default_manager.get(pk=instance.pk))
    else:
        before = None
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
def model_delete(*, user: Any, instance: models.Model, allowed: bool) -> None:
    require(allowed)
    before = snapshot(instance)
    audit_record(
        actor=user, action=f"{instance._meta.model_name}.delete", instance=instance, before=before
    )
    instance.delete()


def delete_file_on_commit(storage: Any, name: str | None) -> None:
    """Remove a stored file once the transaction that stops using it commits: a rollback keeps
    it, and nothing is deleted that the database still names."""
    if name:
        transaction.on_commit(partial(storage.delete, name))
