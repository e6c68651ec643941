"""The JSON API at /api/v1/: the same rules as the pages, for sessions and personal tokens."""

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.accounts.services import api_token_create, api_token_revoke
from enlace.conftest import Net
from enlace.meetings.models import Meeting, Visibility
from enlace.meetings.tests.factories import (
    add_delegations,
    make_document,
    make_meeting,
    make_report,
)
from enlace.network import exports as network_exports
from enlace.network import selectors as network_selectors
from enlace.network.models import Country, Membership, Person, Presidency
from enlace.reports.models import Report


def english(client: Client) -> Client:
    client.cookies["enlace_language"] = "en"
    return client


def token_client(user: User) -> Client:
    _token, raw = api_token_create(user=user, name="script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


# --- the description ---------------------------------------------------------------------------


def test_openapi_description_lists_the_paths(client: Client, db: None) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    description = json.loads(response.content)
    assert description["openapi"].startswith("3.")
    for path in [
        "/api/v1/countries",
        "/api/v1/bodies",
        "/api/v1/presidencies",
        "/api/v1/directory",
        "/api/v1/directory/popolo",
        "/api/v1/people/{person_id}",
        "/api/v1/meetings",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/reports/{report_id}",
    ]:
        assert "get" in description["paths"][path]


# --- the network -------------------------------------------------------------------------------


def test_countries(client: Client, net: Net) -> None:
    response = english(client).get("/api/v1/countries")

    assert response.status_code == 200
    by_code = {c["code"]: c for c in response.json()}
    assert set(by_code) == set(Country.objects.values_list("code", flat=True))
    assert by_code["MEX"]["name"] == "Mexico"
    assert by_code["MEX"]["name_es"] == "México"
    assert by_code["MEX"]["status"] == "member"
    assert by_code["ARG"]["status"] == "observer"


def test_bodies(client: Client, net: Net) -> None:
    response = client.get("/api/v1/bodies")

    by_slug = {b["slug"]: b for b in response.json()}
    assert by_slug[net.network.slug]["reports_to"] == "grcm"
    assert by_slug[net.network.slug]["kind"] == "network"
    assert by_slug["grcm"]["reports_to"] is None


def test_presidencies(client: Client, ppt_honduras: Presidency) -> None:
    response = client.get("/api/v1/presidencies")

    assert response.json() == [
        {
            "year": ppt_honduras.year,
            "country": "HND",
            "start_date": ppt_honduras.start_date.isoformat(),
            "end_date": ppt_honduras.end_date.isoformat(),
        }
    ]


# --- the directory -----------------------------------------------------------------------------


def test_directory_hides_contacts_from_the_public(client: Client, officer: User) -> None:
    response = client.get("/api/v1/directory")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [entry] = body["items"]
    assert entry["person"]["family_name"] == "Tester"
    assert entry["country"] == "HND"
    assert entry["person"]["contact"] is None
    assert "hnd_officer@example.org" not in response.content.decode()


@pytest.mark.parametrize("who", ["officer_client", "observer_client", "secretariat_client"])
def test_directory_shows_contacts_to_the_network(
    request: pytest.FixtureRequest, officer: User, who: str
) -> None:
    response = request.getfixturevalue(who).get("/api/v1/directory?country=hnd")

    [entry] = response.json()["items"]
    assert entry["person"]["contact"] == {
        "email": "hnd_officer@example.org",
        "phone": "+504 5555 0000",
    }


def test_directory_for_an_account_without_a_role_has_no_contacts(
    outsider_client: Client, officer: User
) -> None:
    [entry] = outsider_client.get("/api/v1/directory").json()["items"]

    assert entry["person"]["contact"] is None


def test_directory_pagination_and_filters(
    client: Client, officer: User, other_officer: User, secretariat: User
) -> None:
    Membership.objects.filter(person__user=other_officer).update(end_date=datetime.date(2021, 1, 1))

    current = client.get("/api/v1/directory").json()
    first = client.get("/api/v1/directory?limit=1&offset=0").json()
    second = client.get("/api/v1/directory?limit=1&offset=1").json()
    with_former = client.get("/api/v1/directory?former=true").json()
    mexico = client.get("/api/v1/directory?country=MEX&former=true").json()
    unknown = client.get("/api/v1/directory?country=QQQ").json()
    searched = client.get("/api/v1/directory?q=st_staff").json()

    assert current["count"] == 2  # Mexico's officer has left
    assert (first["count"], len(first["items"])) == (2, 1)
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert with_former["count"] == 3
    assert [m["country"] for m in mexico["items"]] == ["MEX"]
    assert mexico["items"][0]["end_date"] == "2021-01-01"
    assert unknown == {"items": [], "count": 0}
    assert [m["role"] for m in searched["items"]] == ["secretariat"]


def test_popolo(client: Client, officer_client: Client, officer: User) -> None:
    public = client.get("/api/v1/directory/popolo").json()
    member = officer_client.get("/api/v1/directory/popolo").json()

    [person] = public["persons"]
    assert person["family_name"] == "Tester"
    assert "contact_details" not in person
    assert {"type": "email", "value": "hnd_officer@example.org"} in member["persons"][0][
        "contact_details"
    ]
    [membership] = public["memberships"]
    assert membership["person_id"] == person["id"]
    assert membership["on_behalf_of_id"] == "country/HND"
    assert {o["id"] for o in public["organizations"]} >= {
        "country/HND",
        "body/trafficking-network",
    }


def test_popolo_is_the_export_key_for_key(officer_client: Client, officer: User) -> None:
    Person.objects.filter(user=officer).update(honorific="Lic.")
    answer = officer_client.get("/api/v1/directory/popolo").json()
    memberships = network_selectors.directory_visible_to(officer, include_former=False)
    expected = network_exports.popolo(memberships, True)
    assert json.dumps(answer) == json.dumps(expected)
    assert answer["persons"][0]["honorific_prefix"] == "Lic."


def test_person(client: Client, officer_client: Client, officer: User) -> None:
    person = Person.objects.get(user=officer)

    public = client.get(f"/api/v1/people/{person.pk}")
    member = officer_client.get(f"/api/v1/people/{person.pk}")

    assert public.status_code == 200
    assert public.json()["contact"] is None
    assert [m["country"] for m in public.json()["memberships"]] == ["HND"]
    assert member.json()["contact"]["email"] == "hnd_officer@example.org"


def test_person_without_a_post_is_404(client: Client, net: Net) -> None:
    """Someone entered in the records but holding no post is not in the public directory."""
    person = Person.objects.create(given_name="Sin", family_name="Cargo", email="x@example.org")

    assert client.get(f"/api/v1/people/{person.pk}").status_code == 404
    assert client.get("/api/v1/people/999999").status_code == 404


# --- meetings and reports ----------------------------------------------------------------------


def test_meetings_list_and_filters(client: Client, net: Net) -> None:
    old = make_meeting(net, title="Red 2019", start_date="2019-02-01", end_date="2019-02-01")
    new = make_meeting(net, title="Red 2024", start_date="2024-02-01", end_date="2024-02-01")
    grcm = make_meeting(
        net, body=net.grcm, title="GRCM 2024", start_date="2024-06-01", end_date="2024-06-01"
    )
    make_report(new, status=Report.Status.ADOPTED, is_published=True)

    everything = client.get("/api/v1/meetings").json()
    by_year = client.get("/api/v1/meetings?year=2024").json()
    by_body = client.get("/api/v1/meetings?body=grcm").json()
    both = client.get(f"/api/v1/meetings?body={net.network.slug}&year=2019").json()

    assert everything["count"] == 3
    assert [m["id"] for m in everything["items"]] == [grcm.pk, new.pk, old.pk]  # newest first
    assert {m["id"] for m in by_year["items"]} == {new.pk, grcm.pk}
    assert [m["id"] for m in by_body["items"]] == [grcm.pk]
    assert [m["id"] for m in both["items"]] == [old.pk]
    listed = next(m for m in everything["items"] if m["id"] == new.pk)
    assert listed["country"] == "HND"
    assert listed["reports"] == [
        {"id": new.reports.get().pk, "language": "es", "status": "adopted", "is_published": True}
    ]


def test_meetings_with_an_unreadable_year_is_422(client: Client, net: Net) -> None:
    response = english(client).get("/api/v1/meetings?year=abc")

    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    assert body["errors"] == [{"field": "year", "message": "Enter a whole number."}]


def test_members_meeting_is_hidden_from_the_public_and_observers(
    client: Client, observer_client: Client, officer_client: Client, net: Net
) -> None:
    meeting = make_meeting(net, title="Reunión reservada", visibility=Visibility.MEMBERS)

    for outsider in (client, observer_client):
        assert outsider.get(f"/api/v1/meetings/{meeting.pk}").status_code == 404
        assert outsider.get("/api/v1/meetings").json()["count"] == 0
    assert officer_client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 200
    assert officer_client.get("/api/v1/meetings").json()["count"] == 1


def test_meeting_detail(client: Client, net: Net) -> None:
    meeting = make_meeting(net, title="Reunión de Tela")
    add_delegations(meeting, net.honduras, net.mexico, organisations=[net.rrocm])
    honduras = meeting.participations.get(country=net.honduras)
    honduras.representatives.create(name="Ana Pérez", position="Fiscal")
    meeting.agenda_items.create(position=1, title="Avances")
    public_doc = make_document(meeting, visibility=Visibility.PUBLIC, title="Agenda")
    make_document(meeting, visibility=Visibility.NETWORK, title="Nota para la red")

    response = client.get(f"/api/v1/meetings/{meeting.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Reunión de Tela"
    delegations = {d["country"] or d["organisation"]: d for d in body["delegations"]}
    assert set(delegations) == {"HND", "MEX", "RROCM"}
    assert delegations["HND"]["representatives"] == [
        {"name": "Ana Pérez", "position": "Fiscal", "person_id": None}
    ]
    assert body["agenda"] == ["Avances"]
    assert [d["title"] for d in body["documents"]] == ["Agenda"]
    assert body["documents"][0]["url"].endswith(f"/documents/{public_doc.pk}/")


def test_unknown_meeting_is_404(client: Client, net: Net) -> None:
    assert client.get("/api/v1/meetings/999999").status_code == 404


def test_draft_report_is_404_for_the_public(
    client: Client, officer_client: Client, observer_client: Client, net: Net
) -> None:
    report = make_report(make_meeting(net), points=[(0, "Uno."), (1, "Inciso."), (0, "Dos.")])

    assert client.get(f"/api/v1/reports/{report.pk}").status_code == 404
    assert observer_client.get(f"/api/v1/reports/{report.pk}").status_code == 404
    response = officer_client.get(f"/api/v1/reports/{report.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response.json()["points"] == [
        {"label": "1.", "level": 0, "text": "Uno."},
        {"label": "a)", "level": 1, "text": "Inciso."},
        {"label": "2.", "level": 0, "text": "Dos."},
    ]


def test_tela_report_through_the_api(client: Client, demo: None) -> None:
    meeting = Meeting.objects.get(city="Tela")
    report = meeting.reports.get(language="es")

    response = client.get(f"/api/v1/reports/{report.pk}")

    body = response.json()
    assert response.status_code == 200
    assert (body["place_line"], body["date_line"]) == ("Tela, Honduras", "6 de mayo, 2008")
    assert (body["status"], body["is_published"]) == ("adopted", True)
    assert [p["label"] for p in body["points"]] == ["1.", "2.", "3.", "4."]
    assert body["points"][2]["text"].startswith("La Red Regional de Organizaciones Civiles")
    detail = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert {d["country"] for d in detail["delegations"] if d["country"]} == {
        "CAN",
        "CRI",
        "SLV",
        "USA",
        "GTM",
        "HND",
        "MEX",
        "NIC",
        "PAN",
        "DOM",
    }
    assert "RROCM" in {d["organisation"] for d in detail["delegations"]}


# --- authentication: session and token give what the pages give -------------------------------


@pytest.fixture
def confidential(net: Net) -> dict[str, Any]:
    members = make_meeting(net, title="Reunión reservada", visibility=Visibility.MEMBERS)
    public = make_meeting(net, title="Reunión pública")
    return {
        "members_meeting": members,
        "draft": make_report(public, title="Borrador"),
        "network_doc": make_document(public, visibility=Visibility.NETWORK),
    }


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("officer", {"members_meeting", "draft"}),
        ("other_officer", {"members_meeting", "draft"}),
        ("secretariat", {"members_meeting", "draft"}),
        ("observer", set()),
        ("outsider", set()),
    ],
)
def test_session_and_token_see_what_the_pages_show(
    request: pytest.FixtureRequest, confidential: dict[str, Any], who: str, sees: set[str]
) -> None:
    user = request.getfixturevalue(who)
    session = Client()
    session.force_login(user)
    token = token_client(user)
    meeting_id = confidential["members_meeting"].pk
    report_id = confidential["draft"].pk

    page_status = {
        "members_meeting": session.get(f"/meetings/{meeting_id}/").status_code,
        "draft": session.get(f"/reports/{report_id}/").status_code,
    }
    for client in (session, token):
        api_status = {
            "members_meeting": client.get(f"/api/v1/meetings/{meeting_id}").status_code,
            "draft": client.get(f"/api/v1/reports/{report_id}").status_code,
        }
        assert api_status == page_status
    assert {name for name, status in page_status.items() if status == 200} == sees
    for path in ("/api/v1/meetings", "/api/v1/directory", "/api/v1/me"):
        assert session.get(path).json() == token.get(path).json()


def test_me(client: Client, officer: User, ppt_honduras: Presidency) -> None:
    anonymous = client.get("/api/v1/me").json()
    by_token = token_client(officer).get("/api/v1/me").json()

    assert anonymous == {
        "authenticated": False,
        "username": None,
        "roles": ["public"],
        "countries": [],
    }
    assert by_token["authenticated"] is True
    assert by_token["username"] == "hnd_officer"
    assert set(by_token["roles"]) == {"officer", "ppt"}
    assert by_token["countries"] == ["HND"]


def test_token_sees_the_document_list_of_its_user(
    client: Client, observer: User, confidential: dict[str, Any]
) -> None:
    meeting = confidential["network_doc"].meeting

    anonymous = client.get(f"/api/v1/meetings/{meeting.pk}").json()
    by_token = token_client(observer).get(f"/api/v1/meetings/{meeting.pk}").json()

    assert anonymous["documents"] == []
    assert [d["id"] for d in by_token["documents"]] == [confidential["network_doc"].pk]


@pytest.mark.parametrize("header", ["Bearer enl_not-a-real-token", "Bearer ", "Bearer x"])
def test_invalid_token_is_401(net: Net, header: str) -> None:
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/meetings")

    assert response.status_code == 401
    assert response.json()["detail"]


def test_revoked_token_is_401(officer: User) -> None:
    token, raw = api_token_create(user=officer, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/v1/me").status_code == 200

    api_token_revoke(user=officer, token=token)

    assert client.get("/api/v1/me").status_code == 401


def test_token_of_a_deactivated_user_is_401(officer: User) -> None:
    client = token_client(officer)
    officer.is_active = False
    officer.save()

    assert client.get("/api/v1/me").status_code == 401


def test_token_does_not_open_the_pages(officer: User, confidential: dict[str, Any]) -> None:
    """A token is for the API only: the pages answer a token request as to the public."""
    client = token_client(officer)

    assert client.get(f"/meetings/{confidential['members_meeting'].pk}/").status_code == 404


def test_token_is_tied_to_its_users_current_rights(
    officer: User, confidential: dict[str, Any]
) -> None:
    client = token_client(officer)
    report_id = confidential["draft"].pk
    assert client.get(f"/api/v1/reports/{report_id}").status_code == 200

    Membership.objects.filter(person__user=officer).update(end_date=datetime.date(2021, 1, 1))

    assert client.get(f"/api/v1/reports/{report_id}").status_code == 404
