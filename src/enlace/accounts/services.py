"""Writes of accounts: personal API tokens."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enlace import access
from enlace.accounts.models import ApiToken, User, hash_token
from enlace.audit.services import audit_record


@transaction.atomic
def api_token_create(*, user: access.Who, name: str) -> tuple[ApiToken, str]:
    """A new token for the user; the raw token is returned once and never stored."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the program that uses it.")})
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=access.account(user), name=name[:100], key_hash=hash_token(raw), prefix=raw[:8]
    )
    audit_record(
        actor=user,
        action="apitoken.create",
        instance=token,
        after={"name": token.name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: access.Who, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=user,
            action="apitoken.revoke",
            instance=token,
            after={"name": token.name, "prefix": token.prefix},
        )


@transaction.atomic
def api_tokens_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every live token of the user, e.g. when its password changes; one audit event."""
    now = timezone.now()
    live = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    prefixes = list(live.values_list("prefix", flat=True))
    if not prefixes:
        return 0
    count = live.update(revoked_at=now)
    audit_record(
        actor=user,
        action="apitoken.revoke_all",
        instance=user,
        after={"reason": reason, "prefixes": prefixes},
    )
    return count


def api_token_authenticate(raw: str) -> User | None:
    """The active user of a valid, unrevoked token; ``None`` otherwise."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def _end_sessions(user: User) -> int:
    """End every session of the account at once, wherever it was opened."""
    from allauth.usersessions.models import UserSession
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    ended = 0
    for tracked in UserSession.objects.filter(user=user):
        tracked.end()
        ended += 1
    # Sessions opened before the sign-in kept a record of them: found by their content.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, actor: access.Who, user: User) -> None:
    """The secretariat closes an account: it can no longer sign in, and its sessions and API
    tokens end now. The person and its history stay."""

    if not access.can_manage_directory(access.actor_for(actor)):
        raise PermissionDenied
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not user.is_active:
        return
    user.is_active = False
    user.save(update_fields=["is_active"])
    api_tokens_revoke_all(user=user, reason="deactivated")
    sessions = _end_sessions(user)
    audit_record(
        actor=actor, action="user.deactivate", instance=user, after={"sessions_ended": sessions}
    )


@transaction.atomic
def user_reactivate(*, actor: access.Who, user: User) -> None:

    if not access.can_manage_directory(access.actor_for(actor)):
        raise PermissionDenied
    if user.is_active:
        return
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="user.reactivate", instance=user)
