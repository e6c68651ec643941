"""Authenticates API requests that carry a personal token: ``Authorization: Bearer enl_…``."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from enlace.accounts.services import api_token_authenticate


class ApiTokenMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        scheme, _sep, credentials = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and request.path.startswith("/api/"):
            user = api_token_authenticate(credentials.strip())
            if user is None:
                return JsonResponse({"detail": _("Invalid or revoked API token.")}, status=401)
            request.user = user
            # A token request carries no cookies to forge: CSRF does not apply to it.
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)
