"""Every integer the API takes is bounded: out of range is a 422 naming the field, in the
user's language, never a 500 (the database cannot hold integers past 2**63 - 1)."""

import json

import pytest
from django.test import Client

from enlace.conftest import Net

HUGE = "99999999999999999999"


def _fields(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"]
    return [error["field"] for error in body["errors"]]


@pytest.mark.parametrize(
    ("who", "url", "field"),
    [
        ("client", "/api/v1/meetings?year=45619899138", "year"),
        ("client", f"/api/v1/meetings?limit={HUGE}", "limit"),
        ("client", "/api/v1/meetings?limit=0", "limit"),
        ("client", "/api/v1/directory?offset=9999999999999999999", "offset"),
        ("client", "/api/v1/directory?offset=-1", "offset"),
        ("client", f"/api/v1/recommendations?limit={HUGE}", "limit"),
        ("officer_client", "/api/v1/cooperation/requests?offset=9999999999999999999", "offset"),
        ("officer_client", "/api/v1/statistics/series?year_to=137438953473", "year_to"),
        ("officer_client", "/api/v1/statistics/series?year_from=-5", "year_from"),
    ],
)
def test_an_out_of_range_query_integer_is_422_naming_it(
    request: pytest.FixtureRequest, net: Net, who: str, url: str, field: str
) -> None:
    response = request.getfixturevalue(who).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert field in _fields(response)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/meetings/{HUGE}",
        f"/api/v1/people/{HUGE}",
        f"/api/v1/reports/{HUGE}",
        f"/api/v1/cooperation/requests/{HUGE}",
        f"/api/v1/contributions/{HUGE}",
        f"/api/v1/mechanisms/{HUGE}",
        f"/api/v1/commitments/{HUGE}",
        f"/api/v1/workplan/activities/{HUGE}",
    ],
)
def test_a_huge_id_in_the_path_is_never_a_server_error(officer_client: Client, url: str) -> None:
    response = officer_client.get(url)
    # Refused as a bad number, in the user's language, naming the path parameter.
    assert response.status_code == 422, response.content
    [error] = response.json()["errors"]
    assert error["field"].startswith("path.")
    assert error["message"] == "Este número es demasiado grande."


def test_a_huge_id_in_a_body_is_422_naming_it(secretariat_client: Client, net: Net) -> None:
    body = {
        "title": "Mesa",
        "kind": "round_table",
        "countries": ["HND"],
        "organisation_ids": [int(HUGE)],
    }
    response = secretariat_client.post(
        "/api/v1/mechanisms",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert any(field.startswith("organisation_ids") for field in _fields(response))


def test_the_message_is_in_the_users_language(client: Client, net: Net) -> None:
    spanish = client.get("/api/v1/meetings?year=45619899138", HTTP_ACCEPT_LANGUAGE="es")
    english = client.get("/api/v1/meetings?year=45619899138", HTTP_ACCEPT_LANGUAGE="en")
    assert spanish.json()["errors"][0]["message"] != english.json()["errors"][0]["message"]


def test_an_unknown_breakdown_category_is_a_422_naming_the_field(secretariat_client):
    response = secretariat_client.get(
        "/api/v1/statistics/series?age=django_tasks_db", headers={"accept-language": "en"}
    )
    assert response.status_code == 422
    assert "age" in response.content.decode()
    assert secretariat_client.get("/api/v1/statistics/series?age=child").status_code == 200
