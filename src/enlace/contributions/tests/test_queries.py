"""List pages and API lists: the same number of queries with 10 and with 200 records."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from enlace.conftest import Net
from enlace.contributions.models import Answer, Contribution, Mechanism, Recommendation
from enlace.meetings.models import Meeting


def _seed(net: Net, meeting: Meeting, n: int) -> None:
    Contribution.objects.all().delete()
    Mechanism.objects.all().delete()
    for i in range(n):
        contribution = Contribution.objects.create(
            meeting=meeting,
            organisation=net.rrocm,
            kind="recommendations",
            title=f"Contribución {i}",
            status="accepted",
            visibility="public",
        )
        rec = Recommendation.objects.create(
            contribution=contribution,
            position=1,
            text=f"Recomendación {i}",
            to_all_members=i % 2 == 0,
        )
        if i % 2:
            rec.countries.set([net.mexico])
        Answer.objects.create(recommendation=rec, country=net.mexico, position="accepted")
        mechanism = Mechanism.objects.create(
            title=f"Mecanismo {i}", kind="agreement", visibility="public"
        )
        mechanism.countries.set([net.honduras])
        mechanism.organisations.set([net.rrocm])


def _count(get: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = get()
        assert getattr(response, "status_code", 0) == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/contributions/",
        "/mechanisms/",
        "/public/recommendations/",
        "/public/",
        "/api/v1/contributions?limit=500",
        "/api/v1/recommendations?limit=500",
        "/api/v1/mechanisms?limit=500",
        "/public/feed.atom",
        "/sitemap.xml",
    ],
)
def test_queries_do_not_grow(net: Net, meeting: Meeting, officer_client: Client, url: str) -> None:
    _seed(net, meeting, 10)
    small = _count(lambda: officer_client.get(url))
    _seed(net, meeting, 200)
    assert _count(lambda: officer_client.get(url)) == small


def _seed_recommendations(net: Net, contribution: Contribution, n: int) -> None:
    contribution.recommendations.all().delete()
    for i in range(n):
        rec = Recommendation.objects.create(
            contribution=contribution, position=i + 1, text=f"R{i}", to_all_members=i % 2 == 0
        )
        if i % 2:
            rec.countries.set([net.mexico, net.honduras])
        Answer.objects.create(recommendation=rec, country=net.mexico, position="under_study")


def test_a_contribution_page_does_not_grow_with_its_recommendations(
    net: Net, meeting: Meeting, officer_client: Client
) -> None:
    contribution = Contribution.objects.create(
        meeting=meeting,
        organisation=net.rrocm,
        kind="recommendations",
        title="Muchas",
        status="accepted",
        visibility="public",
    )
    for url in (f"/contributions/{contribution.pk}/", f"/api/v1/contributions/{contribution.pk}"):
        _seed_recommendations(net, contribution, 10)
        small = _count(lambda url=url: officer_client.get(url))
        _seed_recommendations(net, contribution, 200)
        assert _count(lambda url=url: officer_client.get(url)) == small, url
