"""No browser, proxy or back button keeps a copy of a request, a case, an identity or an export."""

import pytest
from django.urls import reverse


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "name",
    ["request", "case", "case_identity", "case_export_csv", "case_export_json", "inbox", "cases"],
)
def test_officer_pages_of_requests_and_cases_are_never_stored(officer_client, request_, case, name):
    args = {
        "request": [request_.pk],
        "case": [case.code],
        "case_identity": [case.code],
        "case_export_csv": [case.code],
        "case_export_json": [case.code],
    }.get(name, [])
    response = officer_client.get(reverse(f"cooperation:{name}", args=args))
    assert response.status_code == 200
    assert _no_store(response)


def test_the_identity_log_is_never_stored(supervisor_client, case):
    response = supervisor_client.get(reverse("cooperation:identity_log"))
    assert response.status_code == 200
    assert _no_store(response)


def test_the_api_of_requests_and_cases_is_never_stored(officer_client, request_, case):
    for path in (
        "/api/v1/cooperation/requests",
        f"/api/v1/cooperation/requests/{request_.pk}",
        f"/api/v1/cooperation/cases/{case.code}",
    ):
        response = officer_client.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), path


def test_a_refusal_is_never_stored_either(third_client, request_):
    response = third_client.get(reverse("cooperation:request", args=[request_.pk]))
    assert response.status_code == 404
    assert _no_store(response)


def test_public_pages_stay_cacheable(client, db):
    assert not _no_store(client.get("/"))
