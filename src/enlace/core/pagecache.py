"""Whole pages for the public, kept in the shared cache.

A page the public sees is the same for every anonymous visitor: it depends on its address,
the host, the language, the day (what is "coming" changes at midnight) and what the platform
holds. So it is kept whole in a cache that every web process shares (``CACHES["pages"]``,
apart from the default cache: a table of the database, or Redis), under a key that holds a
*version* of the public content. Every write the platform records
(``audit.services.audit_record``) and every change of the search index calls
``public_changed``: once that write commits, the version changes and every page made before it
is left behind (it ages out of the cache). A timeout never decides
what is current.

What is kept is decided by the answer, not by a list of views: only a 200 HTML page, answered to
a visitor with no session and no credentials, that set no cookie, used no CSRF token and did not
ask not to be stored. Everything a signed-in user sees, and every form, is made anew each time.
Kept pages carry an ETag and a Last-Modified date, and ``Cache-Control: no-cache``: a browser
keeps its copy but asks each time, and gets a 304 when nothing changed.

Signed-in pages are never kept whole (they hold the user's CSRF token and name), but a part of
one that is costly to make and depends only on the data, the user, the day and the language (a
personal home's lists, a dashboard's charts) is kept by ``kept``, under the same version: the
next recorded write leaves it behind, exactly as it does a public page.
"""

import hashlib
import time
import uuid
from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

VERSION_KEY = "enlace:public-pages:version"
# Its own cache (settings.CACHES["pages"]): filling it with pages can never push out what the
# default cache holds (sign-in throttling, used one-time codes).
CACHE_ALIAS = "pages"
# Long enough that a busy page never expires on its own; the version makes it stale.
KEEP_SECONDS = 24 * 3600
UNCACHED_PREFIXES = ("/api/", "/admin/", "/accounts/", "/cooperation/", "/audit/", "/static/")
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def public_changed(using: str = "default") -> None:
    """Something the public may see changes with the current transaction: every kept public
    page is out of date now, and again once it commits (a page made meanwhile by another
    process, from what was there before the commit, is left behind too)."""
    bump_version()
    transaction.on_commit(bump_version, using=using)


def bump_version() -> None:
    caches[CACHE_ALIAS].set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def _version() -> str:
    version = caches[CACHE_ALIAS].get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not caches[CACHE_ALIAS].add(VERSION_KEY, version, timeout=None):
            version = caches[CACHE_ALIAS].get(VERSION_KEY) or version
    return str(version)


_MISSING = object()


def kept[T](name: str, parts: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for the same ``name`` and ``parts`` since the last recorded
    write, on the same day, in the same language.

    ``parts`` must hold everything the value depends on besides the data: the user's id for a
    value scoped to a user (what one user may see is never answered to another), the filters
    asked for. What changes without a recorded write (a background task's state, the clock
    within the day) must stay out of the value. The version is read before computing, so a write
    that commits meanwhile leaves the value behind.
    """
    if not settings.ENLACE_PAGE_CACHE:
        return compute()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = f"enlace:kept:{_version()}:{timezone.localdate().isoformat()}:{language}:{name}:{digest}"
    value = caches[CACHE_ALIAS].get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        caches[CACHE_ALIAS].set(key, value, timeout=KEEP_SECONDS)
    return cast("T", value)


def asked_for(request: HttpRequest) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What a page's address asks for (its query string), in an order of its own: a part for
    ``kept`` that two addresses asking the same thing in another order share."""
    return tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))


def _key(request: HttpRequest) -> str:
    address = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"enlace:page:{_version()}:{timezone.localdate().isoformat()}:{language}:{digest}"


def _may_keep_request(request: HttpRequest) -> bool:
    return (
        settings.ENLACE_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and "HTTP_HX_REQUEST" not in request.META
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def _may_keep_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    cache_control = response.get("Cache-Control", "")
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and not (user is not None and user.is_authenticated)
    )


def _answer(request: HttpRequest, kept: dict[str, Any]) -> HttpResponseBase:
    response = HttpResponse(kept["content"])
    for name, value in kept["headers"].items():
        response[name] = value
    response["ETag"] = kept["etag"]
    response["Last-Modified"] = http_date(kept["made"])
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    conditional = get_conditional_response(
        request, etag=kept["etag"], last_modified=int(kept["made"]), response=response
    )
    return conditional or response


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _may_keep_request(request):
            return self.get_response(request)
        key = _key(request)
        kept = caches[CACHE_ALIAS].get(key)
        if kept is None:
            response = self.get_response(request)
            if not _may_keep_response(request, response):
                return response
            assert isinstance(response, HttpResponse)
            kept = {
                "content": response.content,
                "headers": {h: response[h] for h in _KEPT_HEADERS if h in response},
                "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
                "made": time.time(),
            }
            caches[CACHE_ALIAS].set(key, kept, timeout=KEEP_SECONDS)
        return _answer(request, kept)
