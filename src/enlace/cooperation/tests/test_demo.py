"""The demo: requests in every state between several countries, fictitious persons marked."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from enlace.cooperation import services
from enlace.cooperation.models import (
    CaseIdentity,
    CooperationRequest,
    ProtectedCase,
    RequestState,
)
from enlace.demo.cooperation import load_cooperation_demo

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_fictitious_persons(demo: None) -> None:
    states = set(CooperationRequest.objects.values_list("state", flat=True))
    assert states == set(RequestState.values)
    codes = set(
        CooperationRequest.objects.values_list("requesting_country__code", flat=True)
    ) | set(CooperationRequest.objects.values_list("parties__country__code", flat=True))
    assert {"HND", "MEX", "GTM", "SLV"} <= codes
    assert CooperationRequest.objects.filter(is_fictitious=False).count() == 0
    assert ProtectedCase.objects.filter(is_fictitious=False).count() == 0
    requests = CooperationRequest.objects.count()
    identities = CaseIdentity.objects.count()
    load_cooperation_demo()
    assert CooperationRequest.objects.count() == requests
    assert CaseIdentity.objects.count() == identities


def test_demo_person_is_marked_fictitious(demo: None) -> None:
    from enlace.accounts.models import User

    honduras = User.objects.get(username="honduras")
    case = (
        ProtectedCase.objects.filter(requests__parties__country__code="HND")
        .filter(sharing_consent=True)
        .first()
        or ProtectedCase.objects.filter(legal_basis__gt="").first()
    )
    assert case is not None
    client = Client(headers={"accept-language": "en"})
    client.force_login(honduras)
    page = client.get(reverse("cooperation:case", args=[case.code])).content.decode()
    assert "FICTITIOUS" in page
    identity = services.case_identity_reveal(user=honduras, case=case, reason="demo check")
    # Written once, in Spanish, and marked as fictitious in it too.
    assert identity["given_name"].startswith("FICTICIO — Persona de demostración")


def test_demo_supervisor_reads_the_log(demo: None, client: Any) -> None:
    client.login(username="supervisor", password="enlace-demo-sup")
    assert client.get(reverse("cooperation:identity_log")).status_code == 200
