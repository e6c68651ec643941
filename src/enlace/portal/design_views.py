"""The design system's page: every component of the platform, in each of its languages."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from enlace import access
from enlace.portal.design_forms import SampleForm

# Each colour token with its use and its contrast with the background it is used on,
# as docs/design.md lists them.
COLOURS = [
    ("--ink", "#1b1f24", "16.6:1"),
    ("--muted", "#4a5561", "7.6:1"),
    ("--brand", "#0b4f7c", "8.7:1"),
    ("--bad", "#a1111a", "8.0:1"),
    ("--ok", "#16632f", "7.3:1"),
    ("--control-border", "#6b7785", "4.6:1"),
    ("--focus", "#ffdd00", "6.4:1"),
    ("--focus-text", "#0b0c0c", "19.6:1"),
]


def design_page(request: HttpRequest) -> HttpResponse:
    if not access.can_see_design_page(access.actor_for(request.user)):
        raise PermissionDenied
    samples = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            form = SampleForm(
                {"title": "A title far too long", "deadline": "31/02/2026"},
                auto_id=f"{code}-%s",
            )
            form.is_valid()
            samples.append({"code": code, "name": name, "form": form})
    context = {
        "samples": samples,
        "colours": COLOURS,
        # Lazy, so each language's part of the page shows them in its language.
        "crumbs": [(_("Home"), reverse("portal:site_home"))],
        "facts": [
            (_("Meeting"), _("Meeting of the Liaison Officer Network")),
            (_("Place"), "Tela, Honduras"),
            (_("Date"), "2008-05-06"),
            (_("Status"), _("Adopted")),
        ],
    }
    return render(request, "portal/design.html", context)
