"""GET /api/v1/search: the search page's results as JSON, with the same access and filters."""

import datetime

import pytest
from django.test import Client

from enlace.conftest import Net
from enlace.reports.models import Report
from enlace.search.tests.helpers import found_ids, indexed_report


@pytest.fixture
def reports(net: Net) -> dict[str, Report]:
    return {
        "published": indexed_report(net, ["Acuerdo sobre las víctimas de trata."]),
        "draft": indexed_report(
            net, ["Borrador sobre la víctima."], published=False, day=datetime.date(2010, 1, 1)
        ),
    }


def test_the_result_carries_the_report_and_its_passage(
    client: Client, reports: dict[str, Report]
) -> None:
    response = client.get("/api/v1/search?q=victima")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    [item] = data["items"]
    report = reports["published"]
    assert item["report_id"] == report.pk
    assert item["meeting_id"] == report.meeting_id
    assert item["status"] == "adopted"
    assert item["body"] == "trafficking-network"
    assert item["passages"] == [
        {
            "point_id": report.points.get().pk,
            "label": "1.",
            "snippet": "Acuerdo sobre las <mark>víctimas</mark> de trata.",
            "text": "Acuerdo sobre las víctimas de trata.",
        }
    ]


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("client", {"published"}),
        ("outsider_client", {"published"}),
        ("observer_client", {"published"}),
        ("officer_client", {"published", "draft"}),
        ("other_client", {"published", "draft"}),
        ("secretariat_client", {"published", "draft"}),
    ],
)
def test_each_caller_finds_only_what_they_may_read(
    request: pytest.FixtureRequest, reports: dict[str, Report], who: str, sees: set[str]
) -> None:
    found = found_ids(request.getfixturevalue(who), "q=víctimas")
    assert set(found) == {reports[name].pk for name in sees}


def test_a_token_reads_as_its_owner(officer: object, reports: dict[str, Report]) -> None:
    from enlace.accounts.services import api_token_create

    _, secret = api_token_create(user=officer, name="search")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert reports["draft"].pk in found_ids(client, "q=borrador")


def test_filters(secretariat_client: Client, reports: dict[str, Report]) -> None:
    assert found_ids(secretariat_client, "q=victima&status=draft") == [reports["draft"].pk]
    assert found_ids(secretariat_client, "q=victima&year=2024") == [reports["published"].pk]
    assert found_ids(secretariat_client, "q=victima&body=grcm") == []
    assert set(found_ids(secretariat_client, "q=victima&country=HND")) == {
        r.pk for r in reports.values()
    }
    assert found_ids(secretariat_client, "q=victima&country=GTM") == []


def test_pagination(client: Client, net: Net) -> None:
    for _ in range(3):
        indexed_report(net, ["La trata de personas."])
    data = client.get("/api/v1/search?q=trata&limit=2&offset=2").json()
    assert data["count"] == 3
    assert len(data["items"]) == 1


def test_a_missing_query_is_422(client: Client, net: Net) -> None:
    response = client.get("/api/v1/search", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"


def test_a_query_without_words_finds_nothing(client: Client, reports: dict[str, Report]) -> None:
    data = client.get("/api/v1/search?q=%C2%BF%3F").json()
    assert data == {"items": [], "count": 0}


def test_the_year_must_be_a_number(client: Client, net: Net) -> None:
    assert client.get("/api/v1/search?q=trata&year=abc").status_code == 422
