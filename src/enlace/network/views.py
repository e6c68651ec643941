"""Pages of the network and its directory. Thin: a selector, then a template."""

import csv
import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from enlace import access
from enlace.core.downloads import CSV_TYPE, JSON_TYPE, attachment
from enlace.core.spreadsheets import csv_row
from enlace.network import exports, selectors
from enlace.network.models import Country, Membership, Organisation

DIRECTORY_PAGE_SIZE = 50


def overview(request: HttpRequest) -> HttpResponse:
    countries = list(selectors.countries_visible_to(request.user))
    return render(
        request,
        "network/overview.html",
        {
            "members": [c for c in countries if c.status == Country.Status.MEMBER],
            "observers": [c for c in countries if c.status == Country.Status.OBSERVER],
            "organisations": [
                o
                for o in selectors.organisations_visible_to(request.user)
                if o.kind != Organisation.Kind.INSTITUTION
            ],
            "bodies": selectors.bodies_visible_to(request.user),
            "presidencies": selectors.presidencies_visible_to(request.user),
            "presidency_now": selectors.presidency_on(),
            "network_body": selectors.network_body(request.user),
        },
    )


def _directory_query(request: HttpRequest) -> tuple[dict[str, str], QuerySet[Membership]]:
    """The directory filtered as the query string asks: ?country=HND&former=1&q=words."""
    params = {
        "country": request.GET.get("country", "").strip()[:3],
        "former": "1" if request.GET.get("former") == "1" else "",
        "q": request.GET.get("q", "").strip()[:100],
    }
    memberships = selectors.directory_visible_to(
        request.user,
        include_former=bool(params["former"]),
        country_code=params["country"],
        query=params["q"],
    )
    return params, memberships


def directory(request: HttpRequest) -> HttpResponse:
    params, memberships = _directory_query(request)
    page = Paginator(memberships, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "network/directory.html#results" if request.htmx else "network/directory.html"  # type: ignore[attr-defined]
    return render(
        request,
        template,
        {
            "page": page,
            "params": params,
            "countries": selectors.countries_visible_to(request.user),
            "show_contacts": access.can_see_contact_details(access.actor_for(request.user)),
            "export_query": urlencode({k: v for k, v in params.items() if v}),
        },
    )


def directory_csv(request: HttpRequest) -> HttpResponse:
    _params, memberships = _directory_query(request)
    show_contacts = access.can_see_contact_details(access.actor_for(request.user))
    # The byte order mark first, so spreadsheet programs read the accents right.
    response = attachment("\ufeff", content_type=CSV_TYPE, filename="enlace-directory.csv")
    writer = csv.writer(response)
    writer.writerow(exports.csv_header(show_contacts))
    writer.writerows(csv_row(row) for row in exports.csv_rows(memberships, show_contacts))
    return response


def directory_popolo(request: HttpRequest) -> HttpResponse:
    _params, memberships = _directory_query(request)
    show_contacts = access.can_see_contact_details(access.actor_for(request.user))
    data = exports.popolo(memberships, show_contacts)
    return attachment(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type=JSON_TYPE,
        filename="enlace-directory.popolo.json",
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_detail(request.user, pk)
    return render(
        request,
        "network/person.html",
        {
            "person": person,
            "show_contacts": access.can_see_contact_details(access.actor_for(request.user)),
            "title": _("Directory"),
        },
    )
