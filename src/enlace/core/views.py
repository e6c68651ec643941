from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        # An address the API does not have: answered as the API answers, in JSON.
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "core/error.html", {"status": 404}, status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Anonymous visitors are sent to log in first; a logged-in user is told no."""
    if not request.user.is_authenticated and request.method == "GET":
        return redirect_to_login(request.get_full_path())
    return render(request, "core/error.html", {"status": 403}, status=403)


def error_400(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "core/error.html", {"status": 400}, status=400)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "core/error.html", {"status": 500}, status=500)


@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponseBase:
    """The language chooser in every page's header. It needs no CSRF token, so that a page
    kept for the public (enlace.core.pagecache) can offer it to every visitor; choosing a
    language from another site's form is still refused (the browser says where it came from)."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return HttpResponseForbidden()
    return django_set_language(request)
