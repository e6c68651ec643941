"""Writes that follow allauth's account events: each leaves an audit event."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest

from enlace.accounts.models import User
from enlace.accounts.services import api_tokens_revoke_all
from enlace.audit.services import audit_record


def on_password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """A new password ends the account's API tokens: a stolen one stops working with it."""
    with transaction.atomic():
        audit_record(actor=user, action="user.password_change", instance=user)
        api_tokens_revoke_all(user=user, reason="password_change")


def on_password_reset(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    with transaction.atomic():
        audit_record(actor=user, action="user.password_reset", instance=user)
        api_tokens_revoke_all(user=user, reason="password_reset")
