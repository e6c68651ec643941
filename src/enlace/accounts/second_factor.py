"""The second factor: who must have one, enrolment at sign-in, and short idle sessions.

Sign-in itself, the second-factor step and the enrolment pages are django-allauth's (its
``account`` and ``mfa`` apps). What this module adds: at sign-in, an account that needs a second
factor (``access.needs_second_factor``) and has none is marked in its session, and until it sets
one up it can open nothing but the enrolment pages; the session of such an account ends after
``ENLACE_IDLE_SESSION_SECONDS`` without activity.
"""

import datetime
import time
from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from enlace import access

ENROL_KEY = "enlace_second_factor_missing"
IDLE_KEY = "enlace_idle_until_touch"
TOUCH_KEY = "enlace_touched_at"
# An active session is written at most this often to push its idle deadline back.
TOUCH_EVERY_SECONDS = 60

# What an account without its required second factor may still open.
_OPEN_DURING_ENROLMENT = (
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/i18n/",
    "/static/",
)


def needs_second_factor(user: access.Who) -> bool:
    # A dated actor is computed afresh and not cached on the user object.
    return access.needs_second_factor(access.actor_for(user, on=datetime.date.today()))


def has_second_factor(user: access.Who) -> bool:
    found: bool = (
        Authenticator.objects.filter(user_id=user.pk)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .exists()
    )
    return found


def on_signed_in(sender: Any, request: HttpRequest, user: access.Who, **kwargs: Any) -> None:
    """Django's user_logged_in: mark the session of an account that must still enrol."""
    if request is None or not hasattr(request, "session"):
        return
    if not needs_second_factor(user):
        return
    if not has_second_factor(user):
        request.session[ENROL_KEY] = True
    request.session.set_expiry(settings.ENLACE_IDLE_SESSION_SECONDS)
    request.session[IDLE_KEY] = True
    request.session[TOUCH_KEY] = int(time.time())


def on_authenticator_changed(
    sender: Any, request: HttpRequest, user: access.Who, **kwargs: Any
) -> None:
    """allauth's authenticator_added/removed: enrolment done, or needed again."""
    if request is None or not hasattr(request, "session"):
        return
    if needs_second_factor(user) and not has_second_factor(user):
        request.session[ENROL_KEY] = True
    else:
        request.session.pop(ENROL_KEY, None)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            if session.get(ENROL_KEY) and has_second_factor(request.user):
                # Enrolled (allauth's own signal comes only after its transaction commits).
                session.pop(ENROL_KEY, None)
            if session.get(ENROL_KEY) and not request.path.startswith(_OPEN_DURING_ENROLMENT):
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {"detail": _("Set up a second factor for your account first.")},
                        status=403,
                    )
                return redirect("mfa_index")
            if session.get(IDLE_KEY):
                now = int(time.time())
                if now - int(session.get(TOUCH_KEY, 0)) >= TOUCH_EVERY_SECONDS:
                    session[TOUCH_KEY] = now
        return self.get_response(request)


def enrol_totp(user: access.Who, secret: str | None = None) -> str:
    """Give an account an authenticator-app secret (the demo's accounts, tests); returns it."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_secret(user: access.Who) -> str | None:
    """The account's authenticator-app secret (for the demo's accounts only), or None."""
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(
        user_id=user.pk, type=Authenticator.Type.TOTP
    ).first()
    if authenticator is None:
        return None
    secret: str = decrypt(authenticator.data["secret"])
    return secret


def current_totp_code(user: access.Who, *, step: int = 0) -> str | None:
    """The code an authenticator app would show now (``step`` periods later) for the account,
    or None without one. A code is taken once: a second sign-in within the same period needs
    the next one, which the platform accepts too (MFA_TOTP_TOLERANCE)."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    secret = totp_secret(user)
    if secret is None:
        return None

    code: str = format_hotp_value(
        hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD + step)
    )
    return code
