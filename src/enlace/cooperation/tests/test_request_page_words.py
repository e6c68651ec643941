"""A request's page shows its values as words in the reader's language: never a value spelt
letter by letter, a stray comma or a raw state code."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.cooperation import services
from enlace.cooperation.models import CooperationRequest, RequestType


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("language", "acknowledged", "sent"),
    [("es", "Recibo confirmado", "Enviada"), ("en", "Acknowledged", "Sent")],
)
def test_details_recipients_and_history_read_as_words(
    officer_client: Client,
    other_officer: User,
    request_: CooperationRequest,
    language: str,
    acknowledged: str,
    sent: str,
) -> None:
    services.request_transition(
        user=other_officer, cooperation_request=request_, action="acknowledge"
    )
    response = officer_client.get(
        reverse("cooperation:request", args=[request_.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    text = _text(response.content.decode())
    assert "Cortés" in text
    assert "C, o, r" not in text
    assert "México," not in text
    assert "Mexico," not in text
    assert "in_progress" not in text
    assert f"{sent} → {acknowledged}" in text


def test_choices_and_several_values_show_their_labels(
    net: Net, officer: User, officer_client: Client, case: object
) -> None:
    referral = services.request_create(
        user=officer,
        request_type=RequestType.INVESTIGATION,
        requesting_country=net.honduras,
        requested_countries=[net.mexico],
        summary="Information on the file.",
        details={"file_reference": "HN-2026-0042", "urgency": "urgent"},
    )
    response = officer_client.get(
        reverse("cooperation:request", args=[referral.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = _text(response.content.decode())
    assert "HN-2026-0042" in text
    assert "H, N, -" not in text
    assert "Urgent" in text
    assert "u, r, g" not in text


def test_the_inbox_lists_the_requested_countries_without_a_stray_comma(
    net: Net, officer: User, officer_client: Client
) -> None:
    services.request_create(
        user=officer,
        request_type=RequestType.OTHER,
        requesting_country=net.honduras,
        requested_countries=[net.mexico, net.guatemala],
        summary="Two countries asked.",
        details={},
    )
    text = _text(officer_client.get("/cooperation/", HTTP_ACCEPT_LANGUAGE="es").content.decode())
    assert "Guatemala, México " in text
    assert "México, " not in text
