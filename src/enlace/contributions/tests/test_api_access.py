"""The API's access matrix: every endpoint for every role (secretariat, officer of the addressed
country and of another, observer of the contribution's organisation and of another, outsider,
anonymous)."""

import json

import pytest
from django.test import Client

from enlace.conftest import Net, make_member
from enlace.contributions.models import Contribution, Mechanism
from enlace.contributions.tests.conftest import Published
from enlace.network.models import Organisation, Post

API = "/api/v1"
ROLES = ["secretariat", "officer", "other", "observer", "other_observer", "outsider", "anonymous"]


@pytest.fixture
def clients(
    net: Net,
    iom: Organisation,
    secretariat_client: Client,
    officer_client: Client,
    other_client: Client,
    observer_client: Client,
    outsider_client: Client,
    client: Client,
) -> dict[str, Client]:
    iom_client = Client()
    iom_client.force_login(make_member(net, "iom_rep", role=Post.Role.OBSERVER, organisation=iom))
    return {
        "secretariat": secretariat_client,
        "officer": officer_client,
        "other": other_client,
        "observer": observer_client,
        "other_observer": iom_client,
        "outsider": outsider_client,
        "anonymous": client,
    }


def _get(clients: dict[str, Client], url: str) -> dict[str, int]:
    return {role: clients[role].get(f"{API}{url}").status_code for role in ROLES}


def test_reading_a_submitted_contribution(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    assert _get(clients, f"/contributions/{submitted.pk}") == {
        "secretariat": 200,
        "officer": 404,
        "other": 404,
        "observer": 200,
        "other_observer": 404,
        "outsider": 404,
        "anonymous": 404,
    }


def test_reading_a_public_contribution_and_its_answers(
    clients: dict[str, Client], public_contribution: Published
) -> None:
    contribution = public_contribution.contribution
    rec = public_contribution.to_all
    for url in (
        f"/contributions/{contribution.pk}",
        f"/recommendations/{rec.pk}",
        f"/recommendations/{rec.pk}/answers",
    ):
        assert set(_get(clients, url).values()) == {200}, url


def test_editing_a_submitted_contribution(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    statuses = {
        role: clients[role]
        .patch(
            f"{API}/contributions/{submitted.pk}",
            data=json.dumps({"summary": f"por {role}"}),
            content_type="application/json",
        )
        .status_code
        for role in ROLES
    }
    assert statuses == {
        "secretariat": 200,
        "officer": 404,
        "other": 404,
        "observer": 200,
        "other_observer": 404,
        "outsider": 404,
        "anonymous": 404,
    }


def test_deciding(clients: dict[str, Client], submitted: Contribution) -> None:
    statuses = {}
    for role in ROLES:
        statuses[role] = (
            clients[role]
            .post(
                f"{API}/contributions/{submitted.pk}/decision",
                data=json.dumps({"decision": "return", "reason": "Falta."}),
                content_type="application/json",
            )
            .status_code
        )
        Contribution.objects.filter(pk=submitted.pk).update(status="submitted", return_reason="")
    assert statuses == {
        "secretariat": 200,
        "officer": 404,
        "other": 404,
        "observer": 403,
        "other_observer": 404,
        "outsider": 404,
        "anonymous": 404,
    }


def test_answering_for_honduras(clients: dict[str, Client], public_contribution: Published) -> None:
    statuses = {
        role: clients[role]
        .put(
            f"{API}/recommendations/{public_contribution.to_all.pk}/answers/HND",
            data=json.dumps({"position": "under_study"}),
            content_type="application/json",
        )
        .status_code
        for role in ROLES
    }
    assert statuses == {
        "secretariat": 403,
        "officer": 200,
        "other": 403,
        "observer": 403,
        "other_observer": 403,
        "outsider": 403,
        "anonymous": 401,
    }


def test_reading_mechanisms(clients: dict[str, Client], net: Net) -> None:
    hidden = Mechanism.objects.create(title="Interno", kind="agreement", visibility="network")
    public = Mechanism.objects.create(title="Público", kind="agreement", visibility="public")
    assert set(_get(clients, f"/mechanisms/{public.pk}").values()) == {200}
    assert _get(clients, f"/mechanisms/{hidden.pk}") == {
        "secretariat": 200,
        "officer": 200,
        "other": 200,
        "observer": 200,
        "other_observer": 200,
        "outsider": 404,
        "anonymous": 404,
    }
