"""The public portal: what the network is, who is in it, and what it published. It shows what
the public may see to everyone (enlace.portal.selectors reads as an anonymous visitor)."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enlace.contributions import selectors as contribution_selectors
from enlace.portal import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {
            **selectors.who_is_who(),
            "year": datetime.date.today().year,
            "reports": selectors.published_reports()[:5],
            "versions": selectors.versions_in_force(),
            "recommendations_count": selectors.public_recommendations().count(),
            "mechanisms_count": selectors.public_mechanisms().count(),
        },
    )


def reports(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/reports.html", {"reports": selectors.published_reports()})


def recommendations(request: HttpRequest) -> HttpResponse:
    members = contribution_selectors.member_countries()
    rows = [
        (rec, contribution_selectors.answer_table(rec, members))
        for rec in selectors.public_recommendations()
    ]
    return render(request, "portal/recommendations.html", {"rows": rows})
