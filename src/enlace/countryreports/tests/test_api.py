"""/api/v1/ for the country reports: the same rules as the pages, 409 on a stale write, 422 with
translated messages naming the field."""

import json

import pytest
from django.test import Client

from enlace.core.services import state_token
from enlace.countryreports.models import CountryReport

from .conftest import VALID, put_figures, set_status

ROLES = ["secretariat", "officer", "other", "observer", "outsider", "anonymous"]


@pytest.fixture
def clients(
    client: Client,
    secretariat_client: Client,
    officer_client: Client,
    other_client: Client,
    observer_client: Client,
    outsider_client: Client,
) -> dict[str, Client]:
    return {
        "secretariat": secretariat_client,
        "officer": officer_client,
        "other": other_client,
        "observer": observer_client,
        "outsider": outsider_client,
        "anonymous": client,
    }


@pytest.fixture
def reports(hnd_report: CountryReport, mex_report: CountryReport) -> dict[str, CountryReport]:
    put_figures(hnd_report, VALID)
    put_figures(mex_report, VALID)
    set_status(mex_report, "published")
    return {"hnd": hnd_report, "mex": mex_report}


GET_MATRIX = [
    ("/api/v1/country-reports/reports/{hnd}", [404, 200, 404, 404, 404, 404]),
    ("/api/v1/country-reports/reports/{mex}", [200, 200, 200, 200, 404, 404]),
    ("/api/v1/country-reports/reports/{hnd}/figures", [404, 200, 404, 404, 404, 404]),
    ("/api/v1/country-reports/reports/{mex}/figures", [200, 200, 200, 403, 404, 404]),
    ("/api/v1/statistics/series", [200, 200, 200, 200, 403, 401]),
    ("/api/v1/statistics/public", [200, 200, 200, 200, 200, 200]),
    ("/api/v1/legislation", [200, 200, 200, 200, 200, 200]),
    ("/api/v1/country-reports/rounds", [200, 200, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(("url", "expected"), GET_MATRIX)
def test_access_matrix_of_every_endpoint(
    clients: dict[str, Client], reports: dict[str, CountryReport], url: str, expected: list[int]
) -> None:
    target = url.format(hnd=reports["hnd"].pk, mex=reports["mex"].pk)
    got = {role: clients[role].get(target).status_code for role in ROLES}
    assert got == dict(zip(ROLES, expected, strict=True))


def test_lists_are_scoped(clients: dict[str, Client], reports: dict[str, CountryReport]) -> None:
    def ids(role: str) -> set[int]:
        return {
            r["id"] for r in clients[role].get("/api/v1/country-reports/reports").json()["items"]
        }

    assert ids("officer") == {reports["hnd"].pk, reports["mex"].pk}
    assert ids("other") == {reports["mex"].pk}
    assert ids("observer") == {reports["mex"].pk}
    assert ids("secretariat") == {reports["mex"].pk}
    assert ids("anonymous") == set()
    assert clients["anonymous"].get("/api/v1/country-reports/rounds").json()["count"] == 0


def test_only_the_secretariat_opens_a_round(clients: dict[str, Client], net: object) -> None:
    body = {
        "title": "2030",
        "period_start": "2030-01-01",
        "period_end": "2030-12-31",
        "deadline": "2031-03-31",
    }
    statuses = {
        role: clients[role]
        .post("/api/v1/country-reports/rounds", body, content_type="application/json")
        .status_code
        for role in ROLES
    }
    # the session clients carry no CSRF token in tests (Django's test client skips the check)
    assert statuses == {
        "secretariat": 201,
        "officer": 403,
        "other": 403,
        "observer": 403,
        "outsider": 403,
        "anonymous": 401,
    }
    again = clients["secretariat"].post(
        "/api/v1/country-reports/rounds",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert again.status_code == 422
    assert again.json()["errors"][0]["field"] == "period_start"


def test_put_figures_saves_a_draft_with_its_errors_then_submit_refuses(
    officer_client: Client, other_client: Client, hnd_report: CountryReport
) -> None:
    url = f"/api/v1/country-reports/reports/{hnd_report.pk}/figures"
    body = {
        "expected_state": state_token(hnd_report),
        "figures": {
            "victims_identified.total": 10,
            "victims_identified.sex.female": 11,
            "campaigns.total": "x",
        },
        "advances": "API",
    }
    assert other_client.put(url, body, content_type="application/json").status_code == 404
    response = officer_client.put(
        url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["figures"] == {"victims_identified.sex.female": 11, "victims_identified.total": 10}
    assert data["pending"] == {"campaigns.total": "x"}
    fields = {e["field"] for e in data["errors"]}
    assert fields == {"campaigns.total", "victims_identified.sex.female"}
    submit = officer_client.post(
        f"/api/v1/country-reports/reports/{hnd_report.pk}/submit",
        {},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert submit.status_code == 422
    assert any("Introduzca un número entero" in e["message"] for e in submit.json()["errors"])
    # a stale state is a 409 and nothing changes
    stale = officer_client.put(url, {**body, "figures": {}}, content_type="application/json")
    assert stale.status_code == 409
    hnd_report.refresh_from_db()
    assert hnd_report.figures.count() == 2
    # unknown keys: 422, nothing saved
    unknown = officer_client.put(
        url,
        {"expected_state": data["state"], "figures": {"nope.total": 1}},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "figures.nope.total"
    # valid figures: then submitted
    fixed = officer_client.put(
        url,
        {"expected_state": data["state"], "figures": {k.slug: v for k, v in VALID.items()}},
        content_type="application/json",
    )
    assert fixed.status_code == 200
    assert fixed.json()["errors"] == []
    submit = officer_client.post(
        f"/api/v1/country-reports/reports/{hnd_report.pk}/submit",
        json.dumps({}),
        content_type="application/json",
    )
    assert submit.status_code == 200
    assert submit.json()["status"] == "submitted"


def test_series_and_public_statistics(
    officer_client: Client, client: Client, reports: dict[str, CountryReport]
) -> None:
    series = officer_client.get("/api/v1/statistics/series?series=victims_identified").json()
    assert series["cells"] == [{"country": "MEX", "year": 2023, "value": 40}]
    assert series["total"] == 40
    female = officer_client.get(
        "/api/v1/statistics/series?series=victims_identified&sex=female"
    ).json()
    assert female["total"] == 25
    public = client.get("/api/v1/statistics/public?series=convictions.tip").json()
    # Mexico's 7 convictions (tip) are below k: suppressed, with the totals that would reveal them
    assert public["cells"] == [
        {"country": "MEX", "year": 2023, "value": None, "suppressed": True, "reported": True}
    ]
    assert public["total"]["suppressed"] is True
    assert "7" not in json.dumps(public["cells"])


def test_the_secretariat_reviews_through_the_api(
    secretariat_client: Client, officer_client: Client, hnd_report: CountryReport
) -> None:
    put_figures(hnd_report, VALID)
    set_status(hnd_report, "submitted")
    url = f"/api/v1/country-reports/reports/{hnd_report.pk}/review"
    assert (
        officer_client.post(url, {"action": "accept"}, content_type="application/json").status_code
        == 403
    )
    empty = secretariat_client.post(
        url,
        {"action": "query", "message": ""},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "message"
    bad = secretariat_client.post(url, {"action": "delete"}, content_type="application/json")
    assert bad.status_code == 422
    accepted = secretariat_client.post(url, {"action": "accept"}, content_type="application/json")
    assert accepted.json()["status"] == "accepted"
    published = secretariat_client.post(url, {"action": "publish"}, content_type="application/json")
    assert published.json()["status"] == "published"
    hnd_report.refresh_from_db()
    assert hnd_report.status == "published"
