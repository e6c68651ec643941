"""The search index holds reports only: the free text of a cooperation request (its summary,
details, messages, decline reason), where officers may write a name, is never indexed, so no
one finds it by searching, not even the officers of its parties."""

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.cooperation import services as cooperation
from enlace.cooperation.models import CooperationRequest, RequestType
from enlace.search.models import SearchEntry
from enlace.search.services import search_reindex
from enlace.search.tests.helpers import found_ids, indexed_report

pytestmark = pytest.mark.django_db

# Words found nowhere else: one in each free text of the request, one in a report (the control).
IN_SUMMARY = "Xochiquetzal"
IN_DETAILS = "Tezcatlipoca"
IN_MESSAGE = "Cuauhtemoczin"
IN_DECLINE = "Ixtlilxochitl"
IN_REPORT = "Tlalocan"
WORDS = (IN_SUMMARY, IN_DETAILS, IN_MESSAGE, IN_DECLINE)
CLIENTS = ("client", "officer_client", "other_client", "secretariat_client")


@pytest.fixture
def request_with_words(net: Net, officer: User, other_officer: User) -> CooperationRequest:
    request = cooperation.request_create(
        user=officer,
        request_type=RequestType.DOCUMENT_VERIFICATION,
        requesting_country=net.honduras,
        requested_countries=[net.mexico],
        summary=f"Verify the passport of {IN_SUMMARY}.",
        details={"document_kind": "passport", "issuing_authority": IN_DETAILS},
    )
    cooperation.request_message_add(
        user=officer, cooperation_request=request, body=f"Ask {IN_MESSAGE}."
    )
    cooperation.request_transition(
        user=other_officer,
        cooperation_request=request,
        action="decline",
        reason=f"{IN_DECLINE} left",
    )
    indexed_report(net, [f"The Network met in {IN_REPORT}."])
    search_reindex()
    return request


def test_the_index_holds_no_text_of_a_request(request_with_words: CooperationRequest) -> None:
    entries = list(SearchEntry.objects.values_list("text", "normalised"))
    assert any(IN_REPORT in text for text, _normalised in entries)  # the index was built
    for word in WORDS:
        assert not any(word.lower() in f"{t} {n}".lower() for t, n in entries), word


@pytest.mark.parametrize("who", CLIENTS)
def test_the_search_page_finds_no_request_by_its_words(
    request: pytest.FixtureRequest, request_with_words: CooperationRequest, who: str
) -> None:
    client: Client = request.getfixturevalue(who)
    client.cookies["enlace_language"] = "en"
    control = client.get(f"/search/?q={IN_REPORT}").content.decode()
    assert "No report matches these words." not in control
    for word in WORDS:
        response = client.get(f"/search/?q={word}")
        assert response.status_code == 200
        page = response.content.decode()
        assert "No report matches these words." in page, word
        assert f"/cooperation/requests/{request_with_words.pk}/" not in page


@pytest.mark.parametrize("who", CLIENTS)
def test_the_search_api_finds_no_request_by_its_words(
    request: pytest.FixtureRequest, request_with_words: CooperationRequest, who: str
) -> None:
    client: Client = request.getfixturevalue(who)
    assert len(found_ids(client, f"q={IN_REPORT}")) == 1
    for word in WORDS:
        assert found_ids(client, f"q={word}") == [], word
        response = client.get(f"/api/v1/search?q={word}")
        assert word not in response.content.decode()
