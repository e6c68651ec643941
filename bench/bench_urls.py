"""URLs of the benchmark: the platform's own, plus one minimal view to measure against.

``/bench-minimal/`` goes through the same middleware as every page (sessions, locale, CSRF,
authentication, API tokens, messages, HTMX) but renders nothing and queries nothing, so
"page time / minimal time" is what a page costs on top of Django's bare request cycle.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from enlace.urls import handler400, handler403, handler404, handler500
from enlace.urls import urlpatterns as enlace_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-minimal/", minimal), *enlace_urlpatterns]
