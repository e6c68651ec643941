"""Response headers that hold for whole parts of the site."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

# Pages and API answers that show a cooperation request, a protected case, an identity, their
# exports and logs, the audit log, or one's account (a new API token is shown there once):
# no browser, proxy or back button may keep a copy.
NO_STORE_PREFIXES = (
    "/cooperation/",
    "/api/v1/cooperation/",
    "/audit/",
    "/accounts/",
)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(NO_STORE_PREFIXES):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class RefuseNulMiddleware:
    """A NUL character is never text a person typed, and PostgreSQL refuses it in any query:
    a request that carries one in its address, query string or form is answered 400, with a
    clear message, before any view reads it (never a 500)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._holds_nul(request):
            message = _("The request holds a character that is not text (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "").upper():
            return True
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        if request.content_type == "application/json":
            return b"\\u0000" in request.body or b"\x00" in request.body
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return any(
                "\x00" in value for _name, values in request.POST.lists() for value in values
            )
        return False


# A victim's identity: never compressed, so that the size of an answer cannot reveal the
# identity it shows to someone who can inject text into it and watch the traffic (BREACH).
UNCOMPRESSED_PATHS = re.compile(r"^/cooperation/cases/[^/]+/identity/")


class CompressionMiddleware(GZipMiddleware):
    """Every answer compressed with gzip when the client accepts it (HTML, JSON, CSV, SVG and
    streamed downloads alike; static files come compressed from WhiteNoise), except a victim's
    identity."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if UNCOMPRESSED_PATHS.match(request.path):
            return response
        return super().process_response(request, response)
