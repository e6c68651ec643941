from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


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
