"""The pages for every role: secretariat, officer of the addressed country and of another one,
observer of the contribution's organisation and of another, outsider, anonymous."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import constants, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enlace.audit.models import AuditEvent
from enlace.conftest import Net, make_member
from enlace.contributions.models import Answer, Contribution, ContributionDocument, Mechanism
from enlace.contributions.tests.conftest import Published
from enlace.core.services import state_token
from enlace.core.tests.files import HTML_AS_PDF, SVG
from enlace.meetings.models import Meeting
from enlace.network.models import Organisation, Post

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


def _statuses(clients: dict[str, Client], url: str) -> dict[str, int]:
    return {role: clients[role].get(url).status_code for role in ROLES}


def test_a_submitted_contribution_is_seen_by_its_author_and_the_secretariat(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    assert _statuses(clients, f"/contributions/{submitted.pk}/") == {
        "secretariat": 200,
        "officer": 404,
        "other": 404,
        "observer": 200,
        "other_observer": 404,
        "outsider": 404,
        "anonymous": 404,
    }


def test_a_public_contribution_is_seen_by_everyone(
    clients: dict[str, Client], public_contribution: Published
) -> None:
    contribution = public_contribution.contribution
    for url in (
        f"/contributions/{contribution.pk}/",
        f"/contributions/recommendations/{public_contribution.to_all.pk}/",
    ):
        assert set(_statuses(clients, url).values()) == {200}, url
    page = clients["anonymous"].get(f"/contributions/{contribution.pk}/").content.decode()
    assert contribution.title in page
    assert "Fortalecer la identificación de víctimas." in page


def test_the_list_shows_each_role_its_contributions(
    clients: dict[str, Client], submitted: Contribution, public_contribution: Published
) -> None:
    shown = {
        role: submitted.title in clients[role].get("/contributions/").content.decode()
        for role in ROLES
    }
    assert shown == {
        "secretariat": True,
        "officer": False,
        "other": False,
        "observer": True,
        "other_observer": False,
        "outsider": False,
        "anonymous": False,
    }
    assert (
        public_contribution.contribution.title
        in clients["anonymous"].get("/contributions/").content.decode()
    )


def test_submit_page_for_observers_and_secretariat(
    clients: dict[str, Client], meeting: Meeting, net: Net
) -> None:
    statuses = _statuses(clients, "/contributions/new/")
    assert statuses == {
        "secretariat": 200,
        "officer": 403,
        "other": 403,
        "observer": 200,
        "other_observer": 200,
        "outsider": 403,
        "anonymous": 302,  # to the login page
    }
    response = clients["observer"].post(
        "/contributions/new/",
        {
            "meeting": meeting.pk,
            "author": f"org:{net.rrocm.pk}",
            "kind": "position_paper",
            "title": "Nuestra posición",
            "summary": "",
            "visibility": "network",
        },
    )
    assert response.status_code == 302
    created = Contribution.objects.get(title="Nuestra posición")
    assert created.organisation == net.rrocm
    # Another organisation is not among the choices: the form refuses it.
    response = clients["other_observer"].post(
        "/contributions/new/",
        {
            "meeting": meeting.pk,
            "author": f"org:{net.rrocm.pk}",
            "kind": "position_paper",
            "title": "Suplantación",
            "visibility": "network",
        },
    )
    assert response.status_code == 400
    assert not Contribution.objects.filter(title="Suplantación").exists()


def test_edit_page_access(clients: dict[str, Client], submitted: Contribution) -> None:
    assert _statuses(clients, f"/contributions/{submitted.pk}/edit/") == {
        "secretariat": 200,
        "officer": 404,
        "other": 404,
        "observer": 200,
        "other_observer": 404,
        "outsider": 404,
        "anonymous": 404,
    }


def test_a_stale_edit_is_refused_and_nothing_is_lost(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    opened = state_token(submitted)
    form = {"kind": "position_paper", "summary": "", "visibility": "network", "state": opened}
    first = clients["observer"].post(
        f"/contributions/{submitted.pk}/edit/", {**form, "title": "Primera"}
    )
    assert first.status_code == 302
    second = clients["secretariat"].post(
        f"/contributions/{submitted.pk}/edit/",
        {**form, "title": "Segunda"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert second.status_code == 400
    assert "Someone else changed this record" in second.content.decode()
    submitted.refresh_from_db()
    assert submitted.title == "Primera"


def test_the_secretariat_accepts_with_the_report_point(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    point = submitted.meeting.reports.get().points.get(position=3)
    url = f"/contributions/{submitted.pk}/decide/"
    data = {"decision": "accept", "report_point": point.pk, "state": state_token(submitted)}
    # The observer who submitted it sees it but may not decide (403); an officer is not shown
    # a contribution still under review (404: its existence is not told).
    assert clients["observer"].post(url, data).status_code == 403
    assert clients["officer"].post(url, data).status_code == 404
    ask = clients["secretariat"].post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert "This cannot be undone." in ask.content.decode()
    assert 'name="confirmed" value="1"' in ask.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert clients["secretariat"].post(url, {**data, "confirmed": "1"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "accepted"
    assert submitted.report_point == point
    report_page = clients["officer"].get(f"/reports/{point.report_id}/").content.decode()
    assert f"/contributions/{submitted.pk}/" in report_page


def test_returning_without_a_reason_changes_nothing(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    response = clients["secretariat"].post(
        f"/contributions/{submitted.pk}/decide/", {"decision": "return", "return_reason": ""}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_documents_upload_and_download(clients: dict[str, Client], submitted: Contribution) -> None:
    upload = SimpleUploadedFile("ponencia.pdf", b"%PDF-1.4 ponencia")
    response = clients["observer"].post(
        f"/contributions/{submitted.pk}/documents/", {"title": "Ponencia", "file": upload}
    )
    assert response.status_code == 302
    document = ContributionDocument.objects.get()
    statuses = _statuses(clients, f"/contributions/documents/{document.pk}/")
    assert statuses["observer"] == statuses["secretariat"] == 200
    assert {statuses[r] for r in ("officer", "other_observer", "anonymous")} == {404}
    upload = SimpleUploadedFile("x.pdf", b"x")
    assert (
        clients["other_observer"]
        .post(f"/contributions/{submitted.pk}/documents/", {"title": "X", "file": upload})
        .status_code
        == 404
    )


def test_recommendation_pages_for_the_author(
    clients: dict[str, Client], submitted: Contribution, net: Net
) -> None:
    url = f"/contributions/{submitted.pk}/recommendations/new/"
    assert _statuses(clients, url)["observer"] == 200
    assert _statuses(clients, url)["officer"] == 404
    response = clients["observer"].post(
        url, {"text": "A México y Guatemala.", "countries": [net.mexico.pk, net.guatemala.pk]}
    )
    assert response.status_code == 302
    rec = submitted.recommendations.get()
    assert not rec.to_all_members
    edit = f"/contributions/recommendations/{rec.pk}/edit/"
    assert clients["other_observer"].get(edit).status_code == 404
    response = clients["observer"].post(edit, {"text": "Sin destinatarios."})
    assert response.status_code == 400
    rec.refresh_from_db()
    assert rec.text == "A México y Guatemala."


def test_answer_pages_per_country(
    clients: dict[str, Client], public_contribution: Published
) -> None:
    rec = public_contribution.to_all
    hnd = f"/contributions/recommendations/{rec.pk}/answers/HND/"
    assert _statuses(clients, hnd) == {
        "secretariat": 403,
        "officer": 200,
        "other": 403,
        "observer": 403,
        "other_observer": 403,
        "outsider": 403,
        "anonymous": 302,  # to the login page
    }
    response = clients["officer"].post(
        hnd, {"position": "not_accepted", "reasons": "", "actions": "", "state": ""}
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()
    response = clients["officer"].post(
        hnd, {"position": "accepted", "reasons": "", "actions": "Capacitar.", "state": ""}
    )
    assert response.status_code == 302
    page = (
        clients["anonymous"]
        .get(f"/contributions/recommendations/{rec.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Capacitar." in page
    # The public sees the answer, not its history; the network sees both.
    assert 'id="answer-history"' not in page
    assert (
        'id="answer-history"'
        in clients["other"].get(f"/contributions/recommendations/{rec.pk}/").content.decode()
    )
    # Mexico's officer may not answer a recommendation for Honduras.
    assert clients["other"].post(hnd, {"position": "accepted", "state": ""}).status_code == 403
    # Honduras is not addressed by the recommendation to Mexico.
    to_mexico = f"/contributions/recommendations/{public_contribution.to_mexico.pk}/answers/HND/"
    response = clients["officer"].post(to_mexico, {"position": "accepted", "state": ""})
    assert response.status_code == 400
    assert Answer.objects.count() == 1


def test_follow_up_pages_for_the_secretariat(
    clients: dict[str, Client], public_contribution: Published, net: Net
) -> None:
    rec = public_contribution.to_all
    Answer.objects.create(recommendation=rec, country=net.honduras, position="accepted")
    url = f"/contributions/recommendations/{rec.pk}/commitment/"
    statuses = _statuses(clients, url)
    assert statuses["secretariat"] == 200
    assert {statuses[r] for r in ROLES if r not in ("secretariat", "anonymous")} == {403}
    assert statuses["anonymous"] == 302
    response = clients["secretariat"].post(url, {"country": net.honduras.pk, "due_date": ""})
    assert response.status_code == 302
    page = (
        clients["anonymous"]
        .get(f"/contributions/recommendations/{rec.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Commitment of Honduras" in page
    activity = f"/contributions/recommendations/{rec.pk}/activity/"
    assert _statuses(clients, activity)["officer"] == 403
    assert _statuses(clients, activity)["secretariat"] == 200


def test_mechanism_pages(clients: dict[str, Client], net: Net) -> None:
    public = Mechanism.objects.create(title="Mesa pública", kind="round_table", visibility="public")
    public.countries.set([net.honduras])
    public.organisations.set([net.rrocm])
    hidden = Mechanism.objects.create(title="Programa interno", kind="agreement")
    assert set(_statuses(clients, f"/mechanisms/{public.pk}/").values()) == {200}
    statuses = _statuses(clients, f"/mechanisms/{hidden.pk}/")
    assert {statuses[r] for r in ("secretariat", "officer", "other", "observer")} == {200}
    assert statuses["outsider"] == statuses["anonymous"] == 404
    listing = clients["anonymous"].get("/mechanisms/").content.decode()
    assert "Mesa pública" in listing
    assert "Programa interno" not in listing
    assert _statuses(clients, "/mechanisms/new/") == {
        "secretariat": 200,
        "officer": 403,
        "other": 403,
        "observer": 403,
        "other_observer": 403,
        "outsider": 403,
        "anonymous": 302,  # to the login page
    }
    response = clients["secretariat"].post(
        "/mechanisms/new/",
        {
            "title": "Convenio",
            "kind": "agreement",
            "countries": [net.mexico.pk],
            "organisations": [net.rrocm.pk],
            "status": "active",
            "visibility": "network",
        },
    )
    assert response.status_code == 302
    assert Mechanism.objects.filter(title="Convenio").exists()


HOSTILE = [("ponencia.pdf", HTML_AS_PDF), ("mapa.svg", SVG), ("mapa.txt", SVG)]


def _errors(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]


@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=["html named pdf", "svg", "svg as txt"])
def test_a_contribution_document_is_refused_by_its_content(
    clients: dict[str, Client], submitted: Contribution, settings: Any, name: str, content: bytes
) -> None:
    client = clients["observer"]
    client.cookies["enlace_language"] = "en"
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(
        f"/contributions/{submitted.pk}/documents/", {"title": "Ponencia", "file": upload}
    )
    assert response.status_code == 302
    assert any("not one of the accepted kinds" in m for m in _errors(response))
    assert not ContributionDocument.objects.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(("name", "content"), HOSTILE, ids=["html named pdf", "svg", "svg as txt"])
def test_a_mechanism_document_is_refused_by_its_content(
    clients: dict[str, Client], settings: Any, name: str, content: bytes
) -> None:
    mechanism = Mechanism.objects.create(title="Convenio", kind="agreement")
    client = clients["secretariat"]
    client.cookies["enlace_language"] = "en"
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(
        f"/mechanisms/{mechanism.pk}/documents/", {"title": "Acta", "file": upload}
    )
    assert response.status_code == 302
    assert any("not one of the accepted kinds" in m for m in _errors(response))
    assert not mechanism.documents.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    ("name", "served_as"),
    [
        ("acta.pdf", "application/pdf"),
        ("page.html", "application/octet-stream"),
        ("map.svg", "application/octet-stream"),
    ],
)
def test_documents_are_only_ever_downloaded_never_sniffed(
    clients: dict[str, Client], submitted: Contribution, name: str, served_as: str
) -> None:
    # Files stored before uploads were checked by content, whatever they are.
    document = ContributionDocument(contribution=submitted, title="Ponencia")
    document.file.save(name, SimpleUploadedFile(name, HTML_AS_PDF), save=True)
    mechanism = Mechanism.objects.create(title="Convenio", kind="agreement", visibility="network")
    mechanism_document = mechanism.documents.model(mechanism=mechanism, title="Acta")
    mechanism_document.file.save(name, SimpleUploadedFile(name, HTML_AS_PDF), save=True)
    for url in (
        f"/contributions/documents/{document.pk}/",
        f"/mechanisms/documents/{mechanism_document.pk}/",
    ):
        download = clients["secretariat"].get(url)
        assert download.status_code == 200
        assert download["Content-Type"] == served_as
        assert download["Content-Disposition"].startswith("attachment;")
        assert download["X-Content-Type-Options"] == "nosniff"


def test_mechanism_documents_follow_the_mechanism(clients: dict[str, Client], net: Net) -> None:
    hidden = Mechanism.objects.create(title="Programa interno", kind="agreement")
    upload = SimpleUploadedFile("acta.txt", b"Acta firmada")
    url = f"/mechanisms/{hidden.pk}/documents/"
    assert clients["observer"].post(url, {"title": "Acta", "file": upload}).status_code == 403
    upload = SimpleUploadedFile("acta.txt", b"Acta firmada")
    assert clients["secretariat"].post(url, {"title": "Acta", "file": upload}).status_code == 302
    document = hidden.documents.get()
    statuses = _statuses(clients, f"/mechanisms/documents/{document.pk}/")
    assert statuses["officer"] == statuses["observer"] == 200
    assert statuses["outsider"] == statuses["anonymous"] == 404
    response = clients["officer"].get(f"/mechanisms/documents/{document.pk}/")
    assert b"".join(response.streaming_content) == b"Acta firmada"  # type: ignore[attr-defined]


def test_meeting_contributions_page(
    clients: dict[str, Client], public_contribution: Published
) -> None:
    meeting = public_contribution.contribution.meeting
    assert set(_statuses(clients, f"/meetings/{meeting.pk}/contributions/").values()) == {200}


def test_removing_a_document_asks_first(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    upload = SimpleUploadedFile("ponencia.pdf", b"%PDF-1.4 ponencia")
    clients["observer"].post(
        f"/contributions/{submitted.pk}/documents/", {"title": "Ponencia", "file": upload}
    )
    document = ContributionDocument.objects.get()
    url = f"/contributions/documents/{document.pk}/remove/"
    page = clients["observer"].get(f"/contributions/{submitted.pk}/").content.decode()
    assert f'href="{url}"' in page

    ask = clients["observer"].get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert ask.status_code == 200
    assert "Ponencia" in ask.content.decode()
    assert "This cannot be undone" in ask.content.decode()
    assert ContributionDocument.objects.exists()
    # Whoever may not remove it gets the same answer as for the POST.
    for role in ("officer", "other_observer", "anonymous"):
        assert clients[role].get(url).status_code == clients[role].post(url).status_code == 404
    assert ContributionDocument.objects.exists()

    assert clients["observer"].post(url).status_code == 302
    assert not ContributionDocument.objects.exists()


def test_the_author_withdraws_a_submitted_contribution_after_confirming(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    url = f"/contributions/{submitted.pk}/withdraw/"
    page = clients["observer"].get(f"/contributions/{submitted.pk}/").content.decode()
    assert f'href="{url}"' in page

    ask = clients["observer"].get(url, HTTP_ACCEPT_LANGUAGE="en")

    text = ask.content.decode()
    assert ask.status_code == 200
    assert submitted.title in text
    assert "This cannot be undone" in text
    assert 'class="button warning"' in text
    state = ask.context["confirmation"].hidden["state"]

    done = clients["observer"].post(url, {"state": state})

    assert done.status_code == 302
    assert not Contribution.objects.filter(pk=submitted.pk).exists()
    event = AuditEvent.objects.get(action="contribution.delete")
    assert event.before["title"] == submitted.title


def test_who_may_not_withdraw_cannot_see_the_confirmation(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    url = f"/contributions/{submitted.pk}/withdraw/"
    statuses = {
        role: (clients[role].get(url).status_code, clients[role].post(url).status_code)
        for role in ROLES
        if role != "observer"
    }
    assert statuses == {
        "secretariat": (403, 403),
        "officer": (404, 404),
        "other": (404, 404),
        "other_observer": (404, 404),
        "outsider": (404, 404),
        "anonymous": (404, 404),
    }
    assert Contribution.objects.filter(pk=submitted.pk).exists()


def test_an_accepted_contribution_cannot_be_withdrawn(
    clients: dict[str, Client], public_contribution: Published
) -> None:
    contribution = public_contribution.contribution
    url = f"/contributions/{contribution.pk}/withdraw/"

    assert clients["observer"].get(url).status_code == 403
    assert clients["observer"].post(url).status_code == 403
    assert (
        f'href="{url}"'
        not in clients["observer"].get(f"/contributions/{contribution.pk}/").content.decode()
    )
    assert Contribution.objects.filter(pk=contribution.pk).exists()


def test_a_contribution_accepted_after_the_confirmation_opened_is_kept(
    clients: dict[str, Client], submitted: Contribution
) -> None:
    url = f"/contributions/{submitted.pk}/withdraw/"
    state = clients["observer"].get(url).context["confirmation"].hidden["state"]
    Contribution.objects.filter(pk=submitted.pk).update(summary="Changed by the secretariat.")

    response = clients["observer"].post(url, {"state": state}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert Contribution.objects.filter(pk=submitted.pk).exists()
    assert "Someone else changed this record" in str(
        next(iter(get_messages(response.wsgi_request)))
    )
