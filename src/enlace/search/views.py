"""The search page: reports and points matching a query, among those the user may see."""

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enlace.network.selectors import bodies_visible_to, countries_visible_to
from enlace.reports.models import Report
from enlace.search import selectors
from enlace.search.text import MAX_QUERY

PAGE_SIZE = 20


def filters_from(params: dict[str, str]) -> selectors.Filters:
    year = params.get("year", "")
    status = params.get("status", "")
    return selectors.Filters(
        body=params.get("body", "")[:50],
        country=params.get("country", "")[:3].upper(),
        year=int(year) if year.isdigit() and len(year) == 4 else None,
        status=status if status in Report.Status.values else "",
    )


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    filters = filters_from(request.GET.dict())
    results = selectors.search(request.user, q, filters) if q else None
    page: Page | None = None  # type: ignore[type-arg]
    if results is not None:
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    params = {
        "q": q,
        "body": filters.body,
        "country": filters.country,
        "year": filters.year or "",
        "status": filters.status,
    }
    return render(
        request,
        "search/search.html",
        {
            "q": q,
            "too_short": bool(q) and results is None,
            "page": page,
            "params": params,
            "query": urlencode({k: v for k, v in params.items() if v}),
            "bodies": bodies_visible_to(request.user),
            "countries": countries_visible_to(request.user),
            "statuses": Report.Status.choices,
            "max_passages": selectors.MAX_PASSAGES,
        },
    )
