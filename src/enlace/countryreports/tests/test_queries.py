"""Query counts of the lists, the dashboard and the public page do not grow with the data: the
same with 10 and with 200 rounds of published reports (and their figures)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.conftest import Net

from .conftest import VALID, make_round, put_figures, set_status

PAGES = [
    "/country-reports/",
    "/statistics/dashboard/",
    "/statistics/dashboard/?series=convictions.tip&sex=female",
    "/statistics/",
    "/statistics/?export=csv",
    "/statistics/unodc.csv",
    "/legislation/",
    "/api/v1/country-reports/reports",
    "/api/v1/country-reports/rounds",
    "/api/v1/statistics/series",
    "/api/v1/statistics/public",
]


def _grow(net: Net, first: int, count: int) -> None:
    for year in range(first, first + count):
        found = make_round(year, [net.honduras, net.mexico, net.guatemala])
        for report in found.reports.all():
            put_figures(report, VALID)
            set_status(report, "published")


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.usefixtures("uncached_pages")
def test_query_counts_do_not_grow(officer_client: Client, client: Client, net: Net) -> None:
    _grow(net, 1990, 10)
    small = {url: _queries(officer_client, url) for url in PAGES}
    public = _queries(client, "/statistics/")
    _grow(net, 1800, 190)
    assert {url: _queries(officer_client, url) for url in PAGES} == small
    assert _queries(client, "/statistics/") == public


@pytest.mark.usefixtures("uncached_pages")
def test_the_public_page_is_a_handful_of_queries(client: Client, net: Net) -> None:
    _grow(net, 2000, 10)
    assert _queries(client, "/statistics/") <= 6
