"""Response headers that hold for whole parts of the site."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

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
