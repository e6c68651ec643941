"""The API of cooperation: the same rules as the pages, content only for the parties."""

import json

import pytest
from django.test import Client

from enlace.cooperation import exports
from enlace.cooperation.models import CooperationRequest, RequestState
from enlace.cooperation.tests.conftest import DOCUMENT, NAME

pytestmark = pytest.mark.django_db


def test_parties_read_content_and_the_secretariat_only_metadata(
    request_: CooperationRequest, other_client: Client, secretariat_client: Client
) -> None:
    url = f"/api/v1/cooperation/requests/{request_.pk}"
    party = other_client.get(url).json()
    assert party["summary"].startswith("Safe return")
    assert party["case"] == request_.case.code
    assert party["requested_countries"] == ["MEX"]
    st = secretariat_client.get(url).json()
    assert (st["type"], st["state"], st["requesting_country"]) == ("repatriation", "sent", "HND")
    assert st["summary"] is None
    assert st["details"] is None
    assert st["case"] is None
    listed = secretariat_client.get("/api/v1/cooperation/requests").json()
    assert listed["count"] == 1
    assert listed["items"][0]["summary"] is None


def test_transition_and_messages_through_the_api(
    request_: CooperationRequest, other_client: Client, officer_client: Client
) -> None:
    base = f"/api/v1/cooperation/requests/{request_.pk}"
    refused = other_client.post(
        f"{base}/transitions", {"action": "decline"}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "reason"
    done = other_client.post(
        f"{base}/transitions", {"action": "start"}, content_type="application/json"
    )
    assert done.json()["state"] == RequestState.IN_PROGRESS
    officer_client.post(f"{base}/messages", {"body": "Thanks"}, content_type="application/json")
    thread = other_client.get(f"{base}/messages").json()
    assert [(m["country"], m["body"]) for m in thread] == [("HND", "Thanks")]


def test_cases_come_without_identity(request_: CooperationRequest, other_client: Client) -> None:
    code = request_.case.code
    case = other_client.get(f"/api/v1/cooperation/cases/{code}").json()
    assert case["enlace"]["case_code"] == code
    assert case["fields"]["prs_Gender"] == "Feminine"
    listed = other_client.get("/api/v1/cooperation/cases").json()
    assert [c["enlace"]["case_code"] for c in listed["items"]] == [code]
    text = str(case) + str(listed)
    assert NAME.split()[0] not in text
    assert DOCUMENT not in text


def test_a_case_is_its_htcds_export_key_for_key(
    request_: CooperationRequest, other_client: Client
) -> None:
    case = request_.case
    expected = json.dumps(exports.case_htcds(case, list(case.events.all())))
    answer = other_client.get(f"/api/v1/cooperation/cases/{case.code}").json()
    assert json.dumps(answer) == expected
    [listed] = other_client.get("/api/v1/cooperation/cases").json()["items"]
    assert json.dumps(listed) == expected


def test_the_api_list_is_the_working_inbox(
    request_: CooperationRequest, other_client: Client
) -> None:
    CooperationRequest.objects.filter(pk=request_.pk).update(state="closed")
    url = "/api/v1/cooperation/requests"
    assert other_client.get(url).json()["count"] == 0
    assert other_client.get(url + "?state=closed").json()["count"] == 1
    assert other_client.get(url + "?state=all").json()["count"] == 1


def test_a_message_over_its_limit_is_refused_naming_the_limit(
    request_: CooperationRequest, officer_client: Client
) -> None:
    base = f"/api/v1/cooperation/requests/{request_.pk}"
    refused = officer_client.post(
        f"{base}/messages",
        {"body": "x" * 5001},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "body", "message": "This text is too long: up to 5000 characters."}
    ]
    assert officer_client.get(f"{base}/messages").json() == []
