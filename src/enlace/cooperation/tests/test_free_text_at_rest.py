"""The free text of a request (summary, details, messages, decline reason, reasons of state
changes) is stored only as Fernet tokens; the parties still read it on the page and in the
API, a third country still gets a 404, and the database refuses to search it."""

from typing import Any

import pytest
from django.core.exceptions import FieldError
from django.db import connection
from django.test import Client

from enlace.conftest import Net
from enlace.cooperation import services
from enlace.cooperation.models import (
    CooperationRequest,
    ProtectedCase,
    RequestMessage,
    RequestType,
    StateChange,
)
from enlace.core import crypto

pytestmark = pytest.mark.django_db

# ASCII only, so that no escaping in the stored JSON could hide one of them from the raw read.
IN_SUMMARY = "Quintanilla-Ybarra"
IN_DETAILS = "Hermelinda Ortega"
IN_MESSAGE = "Florentino Beteta"
IN_DECLINE = "Anacleta Mejicanos"
SECRETS = (IN_SUMMARY, IN_DETAILS, IN_MESSAGE, IN_DECLINE)
TABLES = ("cooperation_cooperationrequest", "cooperation_requestmessage", "cooperation_statechange")


def raw_rows(table: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a fixed table name)
        return list(cursor.fetchall())


@pytest.fixture
def spoken(net: Net, officer: Any, other_officer: Any, case: ProtectedCase) -> CooperationRequest:
    """A request whose every free text names someone: the summary, the details, a message,
    and the decline (its reason is on the request and on its state change)."""
    request = services.request_create(
        user=officer,
        request_type=RequestType.REPATRIATION,
        requesting_country=net.honduras,
        requested_countries=[net.mexico],
        summary=f"Safe return of {IN_SUMMARY}, with escort.",
        details={"destination": "Cortés", "receiving_institution": f"Home of {IN_DETAILS}"},
        case=case,
    )
    services.request_message_add(
        user=officer, cooperation_request=request, body=f"The aunt, {IN_MESSAGE}, waits for her."
    )
    return services.request_transition(
        user=other_officer,
        cooperation_request=request,
        action="decline",
        reason=f"{IN_DECLINE} is unknown",
    )


def test_the_tables_hold_no_free_text_in_clear(spoken: CooperationRequest) -> None:
    raw = {table: repr(raw_rows(table)) for table in TABLES}
    for table, text in raw.items():
        for secret in SECRETS:
            assert secret not in text, (table, secret)
    assert "Safe return" not in raw["cooperation_cooperationrequest"]
    assert "Cortés" not in raw["cooperation_cooperationrequest"]
    assert "Cort\\u00e9s" not in raw["cooperation_cooperationrequest"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT summary, details, decline_reason FROM cooperation_cooperationrequest "
            "WHERE id = %s",
            [spoken.pk],
        )
        summary, details, decline_reason = cursor.fetchone()
        cursor.execute(
            "SELECT body FROM cooperation_requestmessage WHERE request_id = %s", [spoken.pk]
        )
        [(body,)] = cursor.fetchall()
        cursor.execute(
            "SELECT reason FROM cooperation_statechange WHERE request_id = %s AND reason <> ''",
            [spoken.pk],
        )
        [(reason,)] = cursor.fetchall()
    # Tokens of the case keys, which read back to what was written.
    assert IN_SUMMARY in crypto.decrypt_text(summary)
    assert crypto.decrypt_json(details)["receiving_institution"] == f"Home of {IN_DETAILS}"
    assert IN_DECLINE in crypto.decrypt_text(decline_reason)
    assert IN_MESSAGE in crypto.decrypt_text(body)
    assert IN_DECLINE in crypto.decrypt_text(reason)


def test_the_model_reads_the_clear_values(spoken: CooperationRequest) -> None:
    fresh = CooperationRequest.objects.get(pk=spoken.pk)
    assert fresh.summary == f"Safe return of {IN_SUMMARY}, with escort."
    assert fresh.details == {
        "destination": "Cortés",
        "receiving_institution": f"Home of {IN_DETAILS}",
    }
    assert fresh.decline_reason == f"{IN_DECLINE} is unknown"
    assert RequestMessage.objects.get(request=spoken).body.startswith("The aunt")
    reasons = [c.reason for c in StateChange.objects.filter(request=spoken)]
    assert reasons == ["", f"{IN_DECLINE} is unknown"]  # the empty reason stays empty


def test_the_parties_read_the_free_text_on_the_page(
    spoken: CooperationRequest, officer_client: Client, other_client: Client
) -> None:
    for client in (officer_client, other_client):
        response = client.get(f"/cooperation/requests/{spoken.pk}/")
        assert response.status_code == 200
        page = response.content.decode()
        for secret in SECRETS:
            assert secret in page, secret
        assert "Cortés" in page


def test_the_parties_read_the_free_text_in_the_api(
    spoken: CooperationRequest, officer_client: Client, other_client: Client
) -> None:
    base = f"/api/v1/cooperation/requests/{spoken.pk}"
    for client in (officer_client, other_client):
        data = client.get(base).json()
        assert IN_SUMMARY in data["summary"]
        assert data["details"]["receiving_institution"] == f"Home of {IN_DETAILS}"
        assert IN_DECLINE in data["decline_reason"]
        listed = client.get("/api/v1/cooperation/requests?state=all").json()
        assert [item["summary"] for item in listed["items"]] == [data["summary"]]
        thread = client.get(f"{base}/messages").json()
        assert [IN_MESSAGE in m["body"] for m in thread] == [True]


def test_the_other_country_still_gets_a_404(
    spoken: CooperationRequest, third_client: Client
) -> None:
    assert third_client.get(f"/cooperation/requests/{spoken.pk}/").status_code == 404
    base = f"/api/v1/cooperation/requests/{spoken.pk}"
    assert third_client.get(base).status_code == 404
    assert third_client.get(f"{base}/messages").status_code == 404
    listed = third_client.get("/api/v1/cooperation/requests?state=all").json()
    assert listed["count"] == 0


def test_the_secretariat_still_gets_no_content(
    spoken: CooperationRequest, secretariat_client: Client
) -> None:
    data = secretariat_client.get(f"/api/v1/cooperation/requests/{spoken.pk}").json()
    assert (data["summary"], data["details"], data["decline_reason"]) == (None, None, None)
    page = secretariat_client.get(f"/cooperation/requests/{spoken.pk}/").content.decode()
    for secret in SECRETS:
        assert secret not in page


@pytest.mark.parametrize(
    ("model", "lookup"),
    [
        (CooperationRequest, {"summary__icontains": IN_SUMMARY}),
        (CooperationRequest, {"summary": "x"}),
        (CooperationRequest, {"details__receiving_institution": "x"}),
        (CooperationRequest, {"decline_reason__startswith": "x"}),
        (RequestMessage, {"body__contains": IN_MESSAGE}),
        (StateChange, {"reason__iexact": "x"}),
    ],
)
def test_the_database_cannot_search_the_tokens(
    spoken: CooperationRequest, model: Any, lookup: dict[str, str]
) -> None:
    with pytest.raises(FieldError):
        list(model.objects.filter(**lookup))


def test_emptiness_is_still_known_to_the_database(spoken: CooperationRequest) -> None:
    assert list(CooperationRequest.objects.exclude(decline_reason="")) == [spoken]
    assert StateChange.objects.filter(request=spoken, reason="").count() == 1


def test_the_inbox_does_not_decrypt_the_free_text(
    spoken: CooperationRequest, officer_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(token: str) -> str:
        raise AssertionError("the inbox decrypted a text it does not show")

    monkeypatch.setattr(crypto, "decrypt_text", refuse)
    monkeypatch.setattr(crypto, "decrypt_json", refuse)
    response = officer_client.get("/cooperation/?state=all")
    assert response.status_code == 200
    assert spoken.reference in response.content.decode()
