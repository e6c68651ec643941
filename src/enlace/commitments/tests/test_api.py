"""The commitments in /api/v1/: scoped like the pages; 404 hidden, 403 not allowed, 422 bad."""

import datetime

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.accounts.services import api_token_create
from enlace.commitments.models import Commitment
from enlace.commitments.tests.conftest import CommitmentFactory, make_report
from enlace.conftest import Net

pytestmark = pytest.mark.django_db

BASE = "/api/v1/commitments"


@pytest.fixture
def mixed(net: Net, make_commitment: CommitmentFactory) -> dict[str, Commitment]:
    return {
        "hnd": make_commitment(
            actor_kind="country",
            country=net.honduras,
            text="Tarea de Honduras",
            due_date=datetime.date.today() - datetime.timedelta(days=3),
        ),
        "mex": make_commitment(actor_kind="country", country=net.mexico, text="Tarea de México"),
        "all": make_commitment(actor_kind="all_member_countries", text="Tarea de todos"),
        "proposed": make_commitment(status="proposed", text="Sin revisar"),
        "done": make_commitment(
            actor_kind="country",
            country=net.honduras,
            status="done",
            text="Hecha",
            evidence="Nota interna",
        ),
    }


def texts(response: object) -> list[str]:
    return [item["text"] for item in response.json()["items"]]  # type: ignore[attr-defined]


def test_the_list_is_scoped_and_overdue_first(officer_client: Client, mixed: dict) -> None:
    response = officer_client.get(BASE)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert body["items"][0]["text"] == "Tarea de Honduras"
    assert body["items"][0]["is_overdue"] is True
    assert "Sin revisar" not in texts(response)


def test_mine_and_filters(officer_client: Client, other_client: Client, mixed: dict) -> None:
    assert set(texts(officer_client.get(BASE, {"mine": "true"}))) == {
        "Tarea de Honduras",
        "Tarea de todos",
        "Hecha",
    }
    assert set(texts(other_client.get(BASE, {"mine": "true"}))) == {
        "Tarea de México",
        "Tarea de todos",
    }
    assert texts(officer_client.get(BASE, {"country": "mex"})) == ["Tarea de México"]
    assert texts(officer_client.get(BASE, {"status": "done"})) == ["Hecha"]
    assert texts(officer_client.get(BASE, {"overdue": "true"})) == ["Tarea de Honduras"]


def test_pagination(secretariat_client: Client, mixed: dict) -> None:
    body = secretariat_client.get(BASE, {"limit": 2, "offset": 0}).json()
    assert body["count"] == 5
    assert len(body["items"]) == 2


def test_the_public_sees_reviewed_ones_without_evidence(client: Client, mixed: dict) -> None:
    response = client.get(BASE)
    assert "Sin revisar" not in texts(response)
    done = next(i for i in response.json()["items"] if i["text"] == "Hecha")
    assert done["evidence"] is None
    assert client.get(f"{BASE}/{mixed['proposed'].pk}").status_code == 404


def test_detail(observer_client: Client, secretariat_client: Client, mixed: dict) -> None:
    item = observer_client.get(f"{BASE}/{mixed['done'].pk}").json()
    assert item["evidence"] == "Nota interna"
    assert item["country"] == "HND"
    assert item["actor_kind"] == "country"
    assert observer_client.get(f"{BASE}/{mixed['proposed'].pk}").status_code == 404
    assert secretariat_client.get(f"{BASE}/{mixed['proposed'].pk}").status_code == 200
    assert observer_client.get(f"{BASE}/999999").status_code == 404


def test_complete_with_a_token(officer: User, mixed: dict) -> None:
    _token, raw = api_token_create(user=officer, name="script")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"{BASE}/{mixed['hnd'].pk}/complete",
        {"evidence": "Oficio 7"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "done"
    mixed["hnd"].refresh_from_db()
    assert mixed["hnd"].evidence == "Oficio 7"


def test_complete_with_a_session_needs_csrf(officer: User, mixed: dict) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(
        f"{BASE}/{mixed['hnd'].pk}/complete",
        {"evidence": "Oficio 7"},
        content_type="application/json",
    )
    assert response.status_code == 403
    mixed["hnd"].refresh_from_db()
    assert mixed["hnd"].status == "confirmed"


def test_complete_with_a_session(officer_client: Client, mixed: dict) -> None:
    response = officer_client.post(
        f"{BASE}/{mixed['hnd'].pk}/complete",
        {"evidence": "Oficio 7"},
        content_type="application/json",
    )
    assert response.status_code == 200


def test_complete_refusals(
    other_client: Client, officer_client: Client, client: Client, mixed: dict
) -> None:
    url = f"{BASE}/{mixed['hnd'].pk}/complete"
    assert (
        other_client.post(url, {"evidence": "x"}, content_type="application/json").status_code
        == 403
    )
    assert client.post(url, {"evidence": "x"}, content_type="application/json").status_code == 401
    hidden = f"{BASE}/{mixed['proposed'].pk}/complete"
    assert (
        officer_client.post(hidden, {"evidence": "x"}, content_type="application/json").status_code
        == 404
    )
    empty = officer_client.post(url, {"evidence": " "}, content_type="application/json")
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "evidence"
    missing = officer_client.post(url, {}, content_type="application/json")
    assert missing.status_code == 422
    done = f"{BASE}/{mixed['done'].pk}/complete"
    assert (
        officer_client.post(done, {"evidence": "x"}, content_type="application/json").status_code
        == 422
    )
    mixed["hnd"].refresh_from_db()
    assert mixed["hnd"].status == "confirmed"


def test_a_bad_token_is_401(mixed: dict) -> None:
    response = Client().get(BASE, HTTP_AUTHORIZATION="Bearer enl_wrong")
    assert response.status_code == 401


def test_openapi_lists_the_endpoints(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/commitments" in paths
    assert "/api/v1/commitments/{commitment_id}/complete" in paths


def test_the_secretariat_adds_a_commitment_with_a_token(secretariat: User, net: Net) -> None:
    report = make_report(net)
    point = report.points.order_by("position").last()
    assert point is not None
    _token, raw = api_token_create(user=secretariat, name="script")
    client = Client(enforce_csrf_checks=True)
    payload = {
        "point_id": point.pk,
        "actor_kind": "country",
        "country": "gtm",
        "text": "Presentar el protocolo de repatriación",
        "due_date": "2014-10-01",
    }
    response = client.post(
        BASE, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["country"], body["point_id"]) == ("confirmed", "GTM", point.pk)
    assert Commitment.objects.get().text == "Presentar el protocolo de repatriación"


def test_adding_refusals(
    secretariat_client: Client, officer_client: Client, client: Client, net: Net
) -> None:
    report = make_report(net)
    point = report.points.first()
    assert point is not None
    good = {"point_id": point.pk, "actor_kind": "secretariat", "text": "Circular el informe"}

    def post(who: Client, **changes: object) -> object:
        return who.post(BASE, {**good, **changes}, content_type="application/json")

    assert post(client).status_code == 401  # type: ignore[attr-defined]
    assert post(officer_client).status_code == 403  # type: ignore[attr-defined]
    unknown = post(secretariat_client, actor_kind="country", country="ZZZ")
    assert unknown.status_code == 422  # type: ignore[attr-defined]
    assert unknown.json()["errors"][0]["field"] == "country"  # type: ignore[attr-defined]
    missing = post(secretariat_client, actor_kind="organisation")
    assert missing.status_code == 422  # type: ignore[attr-defined]
    assert missing.json()["errors"][0]["field"] == "organisation"  # type: ignore[attr-defined]
    assert post(secretariat_client, point_id=999_999).status_code == 404  # type: ignore[attr-defined]
    assert not Commitment.objects.exists()


def test_a_point_of_a_report_the_user_cannot_read_is_404(
    officer_client: Client, observer: User, net: Net
) -> None:
    draft = make_report(net, status="draft", published=False)
    point = draft.points.first()
    assert point is not None
    _token, raw = api_token_create(user=observer, name="script")
    response = Client().post(
        BASE,
        {"point_id": point.pk, "actor_kind": "secretariat", "text": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 404
