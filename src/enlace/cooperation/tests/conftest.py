"""Cooperation fixtures on the shared ``net``: Honduras (``officer``) asks Mexico
(``other_officer``) for help on a Honduran case; Guatemala's officer (``third_officer``) is the
third country; ``supervisor`` is Honduras's case supervisor.

- ``case``: registered by Honduras, sharing consent recorded, identifying data stored
  (encrypted) with a photo; ``request_``: a repatriation request Honduras → Mexico about it.
- ``stranger_request``: Mexico → Guatemala, of which Honduras is not a party.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from enlace.accounts.models import User
from enlace.conftest import Net, make_member
from enlace.cooperation import services
from enlace.cooperation.models import CooperationRequest, ProtectedCase, RequestType
from enlace.network.models import Post

NAME = "Zacarías Quintanilla-Ybarra"
DOCUMENT = "HN-PASS-7741902"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def third_officer(net: Net) -> User:
    return make_member(net, "gtm_officer", role=Post.Role.LIAISON_OFFICER, country=net.guatemala)


@pytest.fixture
def third_client(third_officer: User) -> Client:
    client = Client()
    client.force_login(third_officer)
    return client


@pytest.fixture
def supervisor(net: Net) -> User:
    return make_member(net, "hnd_supervisor", role=Post.Role.CASE_SUPERVISOR, country=net.honduras)


@pytest.fixture
def supervisor_client(supervisor: User) -> Client:
    client = Client()
    client.force_login(supervisor)
    return client


@pytest.fixture
def case(net: Net, officer: User) -> ProtectedCase:
    created = services.case_register(
        user=officer,
        country=net.honduras,
        data={
            "age_at_identification": 16,
            "sex": "Feminine",
            "citizenship": net.honduras,
            "exploitation": ["SexualExploitation"],
            "sharing_consent": True,
            "processing_consent": True,
        },
    )
    services.case_identity_save(
        user=officer,
        case=created,
        identity={
            "given_name": NAME.split()[0],
            "family_name": NAME.split()[1],
            "birth_date": "2010-03-04",
            "documents": DOCUMENT,
            "contacts": "+504 9999 1234",
        },
        photo=SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png"),
    )
    return created


@pytest.fixture
def request_(
    net: Net, officer: User, other_officer: User, case: ProtectedCase
) -> CooperationRequest:
    return services.request_create(
        user=officer,
        request_type=RequestType.REPATRIATION,
        requesting_country=net.honduras,
        requested_countries=[net.mexico],
        summary="Safe return of the person of the case, with escort.",
        details={"destination": "Cortés"},
        case=case,
    )


@pytest.fixture
def stranger_request(net: Net, other_officer: User, third_officer: User) -> CooperationRequest:
    return services.request_create(
        user=other_officer,
        request_type=RequestType.DOCUMENT_VERIFICATION,
        requesting_country=net.mexico,
        requested_countries=[net.guatemala],
        summary="Verify a passport.",
        details={"document_kind": "passport"},
    )
