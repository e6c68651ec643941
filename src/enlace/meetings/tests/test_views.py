"""The public pages of meetings, reports and documents: what each kind of user sees."""

import html
import re
from pathlib import Path

import pytest
from django.test import Client

from enlace.conftest import Net
from enlace.meetings.models import Meeting, Visibility
from enlace.meetings.tests.factories import (
    add_delegations,
    make_document,
    make_meeting,
    make_report,
)
from enlace.reports.models import Report

PACKAGED_TELA = Path(__file__).resolve().parents[2] / "demo" / "2008-05-06_tela_honduras.es.txt"
# The founding document in shared/, beside the repository (as CI lays it out) or in the workplace.
_SHARED_CANDIDATES = [
    Path(__file__).resolve().parents[4].parent / "shared" / "reports" / PACKAGED_TELA.name,
    Path("/work/shared/reports") / PACKAGED_TELA.name,
]
SHARED_TELA = next((p for p in _SHARED_CANDIDATES if p.exists()), _SHARED_CANDIDATES[0])
TELA_SOURCES = [PACKAGED_TELA] + ([SHARED_TELA] if SHARED_TELA.exists() else [])


# The ten delegations named by the Tela report, as the English UI names them.
TELA_COUNTRIES_EN = [
    "Canada",
    "Costa Rica",
    "El Salvador",
    "United States",
    "Guatemala",
    "Honduras",
    "Mexico",
    "Nicaragua",
    "Panama",
    "Dominican Republic",
]


def normalised(text: str) -> str:
    return " ".join(text.split())


def page_text(response: object) -> str:
    """The visible text of an HTML page, tags removed, whitespace normalised."""
    body = response.content.decode()  # type: ignore[attr-defined]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return normalised(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def read_tela(path: Path) -> dict[str, object]:
    """The parts of the Tela report as the file has them (read here, not by the loader)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    points = []
    for number, line in enumerate(lines[4:], 1):
        match = re.match(r"^(\d+)\.\s+(.*)$", line)
        assert match, f"unexpected line in {path}: {line[:40]}"
        assert int(match.group(1)) == number
        points.append(normalised(match.group(2)))
    return {
        "title": normalised(lines[0]),
        "place": lines[1],
        "date": lines[2],
        "opening": normalised(lines[3]),
        "points": points,
    }


def english(client: Client) -> Client:
    client.cookies["enlace_language"] = "en"
    return client


# --- the Tela demo -----------------------------------------------------------------------------


@pytest.fixture
def tela(demo: None) -> Meeting:
    return Meeting.objects.get(city="Tela", start_date="2008-05-06")


def test_tela_meeting_lists_the_ten_countries_and_rrocm(client: Client, tela: Meeting) -> None:
    response = english(client).get(f"/meetings/{tela.pk}/")

    assert response.status_code == 200
    text = page_text(response)
    for name in TELA_COUNTRIES_EN:
        assert name in text
    assert "Belize" not in text  # a member country that was not in Tela
    assert len(response.context["countries"]) == 10
    assert "Regional Network of Civil Organizations for Migration" in text
    assert "RROCM" in {p.organisation.acronym for p in response.context["organisations"]}


@pytest.mark.parametrize(
    "source", TELA_SOURCES, ids=lambda p: "packaged" if p == PACKAGED_TELA else "shared"
)
def test_tela_report_reads_word_for_word_like_the_original(
    client: Client, tela: Meeting, source: Path
) -> None:
    # The demo ships a copy of shared/'s founding document: the copy must not drift from it.
    assert source.read_bytes() == PACKAGED_TELA.read_bytes()
    original = read_tela(source)
    assert original["place"] == "Tela, Honduras"
    assert original["date"] == "6 de mayo, 2008"
    assert len(original["points"]) == 4  # type: ignore[arg-type]
    report = tela.reports.get(language="es")

    response = client.get(f"/reports/{report.pk}/")

    assert response.status_code == 200
    text = page_text(response)
    assert original["title"] in text
    assert "Tela, Honduras" in text
    assert "6 de mayo, 2008" in text
    assert original["opening"] in text
    positions = []
    for number, point in enumerate(original["points"], 1):  # type: ignore[arg-type]
        labelled = f"{number}. {point}"
        assert labelled in text
        positions.append(text.index(labelled))
    assert positions == sorted(positions)
    assert [label for label, _point in response.context["points"]] == ["1.", "2.", "3.", "4."]


def test_tela_report_is_adopted_and_published(client: Client, tela: Meeting) -> None:
    report = tela.reports.get(language="es")
    assert report.status == Report.Status.ADOPTED
    assert report.is_published

    response = english(client).get(f"/reports/{report.pk}/")

    assert "Adopted" in page_text(response)
    assert "Draft" not in page_text(response)


def test_tela_original_text_downloads(client: Client, tela: Meeting) -> None:
    document = tela.documents.get()

    response = client.get(f"/documents/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert ".txt" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PACKAGED_TELA.read_bytes()


def test_tela_appears_in_the_public_list(client: Client, tela: Meeting) -> None:
    response = client.get("/meetings/?year=2008")

    assert response.status_code == 200
    assert f"/meetings/{tela.pk}/" in response.content.decode()


# --- who sees a draft report -------------------------------------------------------------------


@pytest.fixture
def draft(net: Net) -> Report:
    return make_report(make_meeting(net), title="Borrador confidencial", points=[(0, "Punto.")])


@pytest.mark.parametrize(
    "who", ["secretariat_client", "officer_client", "other_client"], ids=lambda w: w
)
def test_draft_report_is_visible_to_secretariat_and_officers_of_any_country(
    request: pytest.FixtureRequest, draft: Report, who: str
) -> None:
    response = request.getfixturevalue(who).get(f"/reports/{draft.pk}/")

    assert response.status_code == 200
    assert "Borrador confidencial" in page_text(response)


@pytest.mark.parametrize("who", ["client", "outsider_client", "observer_client"])
def test_draft_report_is_404_for_the_public_outsiders_and_uninvited_observers(
    request: pytest.FixtureRequest, draft: Report, who: str
) -> None:
    response = request.getfixturevalue(who).get(f"/reports/{draft.pk}/")

    assert response.status_code == 404
    assert "Borrador confidencial" not in response.content.decode()


def test_observers_see_a_draft_they_are_invited_to(observer_client: Client, draft: Report) -> None:
    draft.observers_invited = True
    draft.save()

    assert observer_client.get(f"/reports/{draft.pk}/").status_code == 200


def test_draft_is_not_listed_for_the_public(client: Client, draft: Report) -> None:
    response = client.get(f"/meetings/{draft.meeting_id}/")

    assert response.status_code == 200
    assert f"/reports/{draft.pk}/" not in response.content.decode()


def test_draft_is_listed_for_an_officer(officer_client: Client, draft: Report) -> None:
    response = officer_client.get(f"/meetings/{draft.meeting_id}/")

    assert f"/reports/{draft.pk}/" in response.content.decode()


def test_report_page_labels_sub_points(client: Client, net: Net) -> None:
    report = make_report(
        make_meeting(net),
        status=Report.Status.ADOPTED,
        is_published=True,
        points=[(0, "Uno."), (1, "Primero."), (1, "Segundo."), (0, "Dos.")],
    )

    text = page_text(client.get(f"/reports/{report.pk}/"))

    assert "1. Uno. a) Primero. b) Segundo. 2. Dos." in text


def test_report_of_a_members_only_meeting_is_404_for_the_public(client: Client, net: Net) -> None:
    meeting = make_meeting(net, visibility=Visibility.MEMBERS)
    report = make_report(meeting, status=Report.Status.ADOPTED, is_published=True)

    assert client.get(f"/reports/{report.pk}/").status_code == 404


# --- who sees a meeting ------------------------------------------------------------------------


@pytest.fixture
def members_meeting(net: Net) -> Meeting:
    meeting = make_meeting(net, title="Reunión reservada", visibility=Visibility.MEMBERS)
    add_delegations(meeting, net.honduras, net.mexico)
    return meeting


@pytest.mark.parametrize("who", ["client", "observer_client", "outsider_client"])
def test_members_meeting_is_404_and_unlisted_for_observers_and_the_public(
    request: pytest.FixtureRequest, members_meeting: Meeting, who: str
) -> None:
    client = request.getfixturevalue(who)

    assert client.get(f"/meetings/{members_meeting.pk}/").status_code == 404
    assert "Reunión reservada" not in client.get("/meetings/").content.decode()


@pytest.mark.parametrize(
    "who", ["officer_client", "other_client", "secretariat_client"], ids=lambda w: w
)
def test_members_meeting_is_open_to_officers_and_secretariat(
    request: pytest.FixtureRequest, members_meeting: Meeting, who: str
) -> None:
    client = request.getfixturevalue(who)

    assert client.get(f"/meetings/{members_meeting.pk}/").status_code == 200
    assert "Reunión reservada" in client.get("/meetings/").content.decode()


def test_network_meeting_is_for_observers_not_the_public(
    client: Client, observer_client: Client, net: Net
) -> None:
    meeting = make_meeting(net, visibility=Visibility.NETWORK)

    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert observer_client.get(f"/meetings/{meeting.pk}/").status_code == 200


def test_unknown_meeting_is_404(client: Client, net: Net) -> None:
    assert client.get("/meetings/999999/").status_code == 404


def test_meeting_list_filters_by_body_and_year(client: Client, net: Net) -> None:
    make_meeting(net, title="Red 2023", start_date="2023-03-01", end_date="2023-03-01")
    make_meeting(net, title="Red 2024", start_date="2024-03-01", end_date="2024-03-01")
    make_meeting(
        net, body=net.grcm, title="GRCM 2024", start_date="2024-06-01", end_date="2024-06-01"
    )

    by_year = page_text(client.get("/meetings/?year=2024"))
    by_body = page_text(client.get(f"/meetings/?body={net.grcm.slug}"))
    bad_year = client.get("/meetings/?year=abc")

    assert "Red 2024" in by_year
    assert "GRCM 2024" in by_year
    assert "Red 2023" not in by_year
    assert "GRCM 2024" in by_body
    assert "Red 2024" not in by_body
    assert bad_year.status_code == 200  # an unreadable year is ignored, not an error
    assert "Red 2023" in page_text(bad_year)


# --- documents ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("visibility", "who", "status"),
    [
        (Visibility.PUBLIC, "client", 200),
        (Visibility.NETWORK, "client", 404),
        (Visibility.NETWORK, "outsider_client", 404),
        (Visibility.NETWORK, "observer_client", 200),
        (Visibility.NETWORK, "officer_client", 200),
        (Visibility.MEMBERS, "client", 404),
        (Visibility.MEMBERS, "observer_client", 404),
        (Visibility.MEMBERS, "officer_client", 200),
        (Visibility.MEMBERS, "other_client", 200),
        (Visibility.MEMBERS, "secretariat_client", 200),
    ],
)
def test_document_download_follows_its_visibility(
    request: pytest.FixtureRequest, net: Net, visibility: str, who: str, status: int
) -> None:
    document = make_document(make_meeting(net), visibility=visibility, content=b"texto")

    response = request.getfixturevalue(who).get(f"/documents/{document.pk}/")

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == b"texto"


def test_public_document_of_a_members_meeting_is_404_for_observers(
    observer_client: Client, net: Net
) -> None:
    meeting = make_meeting(net, visibility=Visibility.MEMBERS)
    document = make_document(meeting, visibility=Visibility.PUBLIC)

    assert observer_client.get(f"/documents/{document.pk}/").status_code == 404


def test_meeting_page_lists_only_the_documents_the_user_may_open(
    client: Client, observer_client: Client, officer_client: Client, net: Net
) -> None:
    meeting = make_meeting(net)
    make_document(meeting, visibility=Visibility.PUBLIC, title="Agenda pública")
    make_document(meeting, visibility=Visibility.NETWORK, title="Nota para la red")
    make_document(meeting, visibility=Visibility.MEMBERS, title="Nota reservada")

    public = page_text(client.get(f"/meetings/{meeting.pk}/"))
    observed = page_text(observer_client.get(f"/meetings/{meeting.pk}/"))
    officer = page_text(officer_client.get(f"/meetings/{meeting.pk}/"))

    assert "Agenda pública" in public
    assert "Nota para la red" not in public
    assert "Nota reservada" not in public
    assert "Nota para la red" in observed
    assert "Nota reservada" not in observed
    assert "Nota para la red" in officer
    assert "Nota reservada" in officer
