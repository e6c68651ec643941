"""How django-allauth signs people in here: no sign-up, and every failure is an audit event."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from enlace.accounts.models import User
from enlace.audit.services import audit_security_event
from enlace.core.mail import queue_mail


def _account(credentials: dict[str, Any]) -> User | None:
    """The account a sign-in attempt names, if there is one (the typed name is never stored)."""
    username = str(credentials.get("username") or "")
    if not username:
        return None
    return User.objects.filter(username__iexact=username).first()


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are opened by the secretariat for people who hold a post in the network.
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            audit_security_event(
                action="user.login_locked",
                user=_account(credentials),
                address=self.get_client_ip(request),
            )
            raise

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's mails (password reset) go through the platform's mail queue like every
        other: never sent inside the request, sent once by the worker, retried."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        html = next(
            (
                content
                for content, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        queue_mail(subject=message.subject, body=message.body, to=list(message.to), html=html)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        audit_security_event(
            action="user.login_failed",
            user=_account(credentials),
            address=self.get_client_ip(request),
        )
