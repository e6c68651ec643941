"""The platform's front pages: its home page, a country's page and the secretariat's
administration index. They show what many apps hold, so they sit at the top of the house,
above every app they show."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.safestring import mark_safe

from enlace import access
from enlace.core.pagecache import kept
from enlace.meetings.selectors import (
    meeting_list,
    meetings_managed_by,
    meetings_visible_to,
)
from enlace.network import selectors as network_selectors
from enlace.network.selectors import presidency_on
from enlace.portal.home_selectors import failed_tasks, home_for
from enlace.reports.selectors import reports_visible_to
from enlace.workplan.selectors import plans_of_action_managed_by


def site_home(request: HttpRequest) -> HttpResponse:
    """The public home for visitors; for a signed-in person, first what needs them (their
    country's requests, report, activities, drafts, meetings), then the network's news."""
    news = {
        "presidency_now": presidency_on(),
        "meetings": meeting_list(request.user)[:5],
        "reports": reports_visible_to(request.user)
        .filter(is_published=True)
        .order_by("-meeting__start_date")[:5],
    }
    if not request.user.is_authenticated:
        return render(request, "portal/site_home.html", news)
    user = request.user

    def body() -> str:
        context = {**news, "home": home_for(user), "today": timezone.localdate()}
        return render_to_string("portal/_personal_home_body.html", context, request)

    # A dozen lists from as many apps: kept per user until the next recorded write. The failed
    # background tasks (the administrator's) change unrecorded, so their count is in the key.
    failed = failed_tasks(access.actor_for(user)).count()
    response = render(
        request,
        "portal/personal_home.html",
        {"body": mark_safe(kept("personal-home", (user.pk, failed), body))},
    )
    # It names the requests waiting on the user's country: no shared or back-button copy.
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def manage_index(request: HttpRequest) -> HttpResponse:
    """Administration: everything the secretariat creates and edits, each with its links."""
    if not access.can_manage_directory(access.actor_for(request.user)):
        raise PermissionDenied
    user = request.user
    return render(
        request,
        "portal/manage_index.html",
        {
            "countries": network_selectors.countries_visible_to(user),
            "organisations": network_selectors.organisations_visible_to(user),
            "presidencies": network_selectors.presidencies_visible_to(user),
            "people": network_selectors.people_managed_by(user)
            .select_related("user")
            .order_by("family_name")[:500],
            "memberships": network_selectors.directory_visible_to(user, include_former=True)[:500],
            "meetings": meetings_managed_by(user)[:200],
            "plans_of_action": plans_of_action_managed_by(user),
        },
    )


def country_page(request: HttpRequest, code: str) -> HttpResponse:
    """A country of the network: its officers, past and present, its presidencies, and the
    meetings it took part in."""
    country = network_selectors.country_by_code(request.user, code)
    return render(
        request,
        "network/country.html",
        {
            "country": country,
            "officers": network_selectors.directory_visible_to(request.user, country=country),
            "former": network_selectors.directory_visible_to(
                request.user, country=country, include_former=True
            ).filter(end_date__lt=datetime.date.today()),
            "meetings": meetings_visible_to(request.user).filter(participations__country=country)[
                :20
            ],
            "presidencies": country.presidencies.all(),
            "show_contacts": access.can_see_contact_details(access.actor_for(request.user)),
        },
    )
