"""/api/v1/ contributions, recommendations, answers and mechanisms: the same rules as the pages,
409 on a stale state, 422 with translated messages."""

import json
from typing import Any

import pytest
from django.test import Client

from enlace.conftest import Net
from enlace.contributions.models import Answer, Contribution, Mechanism
from enlace.contributions.tests.conftest import Published
from enlace.meetings.models import Meeting

API = "/api/v1"


def _json(client: Client, method: str, url: str, body: dict[str, Any], **extra: Any) -> Any:
    return getattr(client, method)(
        f"{API}{url}", data=json.dumps(body), content_type="application/json", **extra
    )


def test_lists_follow_the_rules(
    client: Client,
    officer_client: Client,
    observer_client: Client,
    submitted: Contribution,
    public_contribution: Published,
) -> None:
    def titles(c: Client) -> set[str]:
        return {item["title"] for item in c.get(f"{API}/contributions").json()["items"]}

    public = public_contribution.contribution.title
    assert titles(client) == {public}
    assert titles(officer_client) == {public}
    assert titles(observer_client) == {public, submitted.title}
    assert client.get(f"{API}/contributions/{submitted.pk}").status_code == 404
    detail = client.get(f"{API}/contributions/{public_contribution.contribution.pk}").json()
    assert [r["position"] for r in detail["recommendations"]] == [1, 2]
    assert detail["recommendations"][1]["countries"] == ["MEX"]
    assert client.get(f"{API}/recommendations").json()["count"] == 2


def test_an_observer_submits_and_a_stranger_cannot(
    net: Net,
    client: Client,
    observer_client: Client,
    officer_client: Client,
    meeting: Meeting,
) -> None:
    body = {
        "meeting_id": meeting.pk,
        "organisation_id": net.rrocm.pk,
        "kind": "presentation",
        "title": "Ponencia",
    }
    assert _json(client, "post", "/contributions", body).status_code == 401
    assert _json(officer_client, "post", "/contributions", body).status_code == 403
    response = _json(observer_client, "post", "/contributions", body)
    assert response.status_code == 201
    assert response.json()["status"] == "submitted"
    bad = _json(observer_client, "post", "/contributions", {**body, "kind": "poem"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "kind"
    assert Contribution.objects.count() == 1


def test_a_422_is_in_the_users_language(observer_client: Client, meeting: Meeting) -> None:
    response = _json(
        observer_client,
        "post",
        "/contributions",
        {"meeting_id": meeting.pk},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "La solicitud contiene errores."


def test_a_stale_patch_is_a_409(
    observer_client: Client, secretariat_client: Client, submitted: Contribution
) -> None:
    state = observer_client.get(f"{API}/contributions/{submitted.pk}").json()["state"]
    first = _json(
        observer_client,
        "patch",
        f"/contributions/{submitted.pk}",
        {"title": "A", "expected_state": state},
    )
    assert first.status_code == 200
    second = _json(
        secretariat_client,
        "patch",
        f"/contributions/{submitted.pk}",
        {"title": "B", "expected_state": state},
    )
    assert second.status_code == 409
    submitted.refresh_from_db()
    assert submitted.title == "A"


def test_the_secretariat_decides(
    secretariat_client: Client, observer_client: Client, submitted: Contribution
) -> None:
    url = f"/contributions/{submitted.pk}/decision"
    assert _json(observer_client, "post", url, {"decision": "accept"}).status_code == 403
    assert _json(secretariat_client, "post", url, {"decision": "maybe"}).status_code == 422
    response = _json(secretariat_client, "post", url, {"decision": "return", "reason": "Falta."})
    assert response.status_code == 200
    assert response.json()["status"] == "returned"


def test_answers_by_country(
    officer_client: Client,
    other_client: Client,
    secretariat_client: Client,
    public_contribution: Published,
) -> None:
    rec = public_contribution.to_all
    url = f"/recommendations/{rec.pk}/answers/HND"
    assert _json(other_client, "put", url, {"position": "accepted"}).status_code == 403
    assert _json(secretariat_client, "put", url, {"position": "accepted"}).status_code == 403
    refused = _json(officer_client, "put", url, {"position": "not_accepted", "expected_state": ""})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "reasons"
    first = _json(officer_client, "put", url, {"position": "under_study", "expected_state": ""})
    assert first.status_code == 200
    state = first.json()["state"]
    assert (
        _json(
            officer_client, "put", url, {"position": "accepted", "expected_state": ""}
        ).status_code
        == 409
    )
    second = _json(officer_client, "put", url, {"position": "accepted", "expected_state": state})
    assert second.status_code == 200
    assert Answer.objects.get().position == "accepted"
    listed = officer_client.get(f"{API}/recommendations/{rec.pk}/answers").json()
    assert [(a["country"], a["position"]) for a in listed] == [("HND", "accepted")]


def test_recommendations_are_added_by_the_author(
    observer_client: Client, officer_client: Client, submitted: Contribution
) -> None:
    url = f"/contributions/{submitted.pk}/recommendations"
    assert _json(officer_client, "post", url, {"text": "x"}).status_code == 404
    response = _json(
        observer_client,
        "post",
        url,
        {"text": "A México.", "to_all_members": False, "countries": ["MEX"]},
    )
    assert response.status_code == 201
    assert response.json()["countries"] == ["MEX"]
    unknown = _json(
        observer_client, "post", url, {"text": "x", "to_all_members": False, "countries": ["ZZZ"]}
    )
    assert unknown.status_code == 422


@pytest.mark.parametrize(
    ("who", "status"), [("officer_client", 403), ("observer_client", 403), ("client", 401)]
)
def test_only_the_secretariat_registers_mechanisms(
    request: pytest.FixtureRequest, who: str, status: int, net: Net
) -> None:
    body = {
        "title": "Mesa",
        "kind": "round_table",
        "countries": ["HND"],
        "organisation_ids": [net.rrocm.pk],
    }
    assert _json(request.getfixturevalue(who), "post", "/mechanisms", body).status_code == status


def test_mechanisms_crud_and_visibility(
    net: Net, secretariat_client: Client, client: Client
) -> None:
    body = {
        "title": "Mesa",
        "kind": "round_table",
        "countries": ["HND"],
        "organisation_ids": [net.rrocm.pk],
        "visibility": "network",
    }
    created = _json(secretariat_client, "post", "/mechanisms", body)
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client.get(f"{API}/mechanisms/{pk}").status_code == 404
    assert client.get(f"{API}/mechanisms").json()["count"] == 0
    state = created.json()["state"]
    updated = _json(
        secretariat_client,
        "put",
        f"/mechanisms/{pk}",
        {**body, "visibility": "public", "expected_state": state},
    )
    assert updated.status_code == 200
    assert (
        _json(
            secretariat_client, "put", f"/mechanisms/{pk}", {**body, "expected_state": state}
        ).status_code
        == 409
    )
    assert client.get(f"{API}/mechanisms?country=HND").json()["count"] == 1
    assert Mechanism.objects.get().visibility == "public"
