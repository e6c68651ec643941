"""The import page and the import endpoint: the secretariat only; a preview before saving."""

from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enlace.accounts.services import api_token_create
from enlace.conftest import Net
from enlace.demo import data
from enlace.imports.models import ImportedFile
from enlace.meetings.models import Meeting
from enlace.reports.models import Report

SEED = data.TELA_REPORT.read_bytes()
URL = "/imports/"
API = "/api/v1/imports"


def _english(client: Client) -> Client:
    client.cookies["enlace_language"] = "en"
    return client


def _files(*items: tuple[str, bytes]) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, content) for name, content in items]


@pytest.fixture
def ppt_client(officer: Any, ppt_honduras: Any) -> Client:
    client = Client()
    client.force_login(officer)
    return client


# --- the page -----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client: Client, net: Net) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.post(URL, {"reports": _files(("a.txt", SEED))}).status_code == 403
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    "who", ["officer_client", "other_client", "ppt_client", "observer_client", "outsider_client"]
)
def test_only_the_secretariat_opens_the_page(
    who: str, request: pytest.FixtureRequest, secretariat_client: Client
) -> None:
    other: Client = request.getfixturevalue(who)
    assert other.get(URL).status_code == 403
    assert other.post(URL, {"reports": _files(("a.txt", SEED))}).status_code == 403
    assert secretariat_client.get(URL).status_code == 200
    assert Meeting.objects.count() == 0


def test_upload_preview_then_confirm(secretariat_client: Client, net: Net) -> None:
    client = _english(secretariat_client)
    response = client.post(URL, {"reports": _files(("tela.txt", SEED), ("empty.txt", b""))})
    assert response.status_code == 302
    preview_url = response["Location"]

    page = client.get(preview_url)
    assert page.status_code == 200
    html = page.content.decode()
    # What was recognised …
    assert "INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE" in html
    assert "Tela" in html
    assert "2008-05-06" in html
    assert "Reconocer los esfuerzos de los países miembros" in html
    # … what was not (the test network has only Honduras, Mexico and Guatemala) …
    assert "“Canadá” is not a country of the network" in html
    # … and the file that cannot be imported, with the reason.
    assert "empty.txt" in html
    assert "The file is empty." in html
    assert 'type="submit">Import<' in html
    assert Meeting.objects.count() == 0  # nothing saved before the confirmation

    done = client.post(preview_url, {"publish": "on"})
    assert done.status_code == 200
    meeting = Meeting.objects.get()
    assert (meeting.city, meeting.body) == ("Tela", net.network)
    assert sorted(meeting.participations.values_list("country__code", flat=True)) == [
        "GTM",
        "HND",
        "MEX",
    ]
    report = meeting.reports.get()
    assert report.is_published
    assert report.points.count() == 4
    assert f"/meetings/{meeting.pk}/" in done.content.decode()
    assert "The file is empty." in done.content.decode()
    # The uploaded files are gone: the batch cannot be confirmed twice.
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url).status_code == 404
    assert Meeting.objects.count() == 1


def test_not_published_unless_ticked(secretariat_client: Client, net: Net) -> None:
    preview_url = secretariat_client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"]
    secretariat_client.post(preview_url, {})
    assert Report.objects.get().is_published is False


def test_a_batch_is_its_uploaders_only(
    secretariat_client: Client, officer_client: Client, net: Net
) -> None:
    from enlace.conftest import make_member

    preview_url = secretariat_client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"]
    colleague = Client()
    colleague.force_login(
        make_member(net, "st_two", role="secretariat", organisation=net.secretariat_org)
    )
    assert colleague.get(preview_url).status_code == 404
    assert colleague.post(preview_url).status_code == 404
    assert officer_client.post(preview_url).status_code == 403
    assert Meeting.objects.count() == 0
    assert secretariat_client.get(preview_url).status_code == 200


def test_already_imported_shows_and_saves_nothing(secretariat_client: Client, net: Net) -> None:
    client = _english(secretariat_client)
    client.post(client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"])
    again = client.post(URL, {"reports": _files(("tela-copy.txt", SEED))})["Location"]
    page = client.get(again).content.decode()
    assert "Already imported" in page
    assert 'type="submit">Import<' not in page
    client.post(again)
    assert Meeting.objects.count() == 1


def test_upload_needs_a_file(secretariat_client: Client, net: Net) -> None:
    response = secretariat_client.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not default_storage.exists("imports/pending")


# --- the API ------------------------------------------------------------------------------------


def _post(client: Client, content: bytes = SEED, name: str = "tela.txt", **params: str) -> Any:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(
        f"{API}?{query}" if query else API, {"file": SimpleUploadedFile(name, content)}
    )


@pytest.mark.parametrize(
    "who",
    [
        "client",
        "officer_client",
        "other_client",
        "ppt_client",
        "observer_client",
        "outsider_client",
    ],
)
def test_api_refuses_everyone_but_the_secretariat(
    who: str, request: pytest.FixtureRequest, net: Net
) -> None:
    other: Client = request.getfixturevalue(who)
    assert _post(other).status_code == 403
    assert _post(other, dry_run="true").status_code == 403
    assert Meeting.objects.count() == 0


def test_api_dry_run_then_import(secretariat_client: Client, net: Net) -> None:
    dry = _post(secretariat_client, dry_run="true")
    assert dry.status_code == 200
    body = dry.json()
    assert body["status"] == "preview"
    assert body["recognised"]["city"] == "Tela"
    assert body["recognised"]["start_date"] == "2008-05-06"
    assert body["recognised"]["participants"] == ["GTM", "HND", "MEX"]
    assert len(body["recognised"]["points"]) == 4
    assert Meeting.objects.count() == 0

    created = _post(secretariat_client)
    assert created.status_code == 201
    ids = created.json()
    meeting = Meeting.objects.get()
    assert (ids["meeting_id"], ids["report_id"]) == (meeting.pk, meeting.reports.get().pk)

    again = _post(secretariat_client, name="copy.txt")
    assert again.status_code == 200
    assert again.json()["status"] == "exists"
    assert Meeting.objects.count() == ImportedFile.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "The file is empty."),
        ("list.txt", b"pan\nleche\n", "does not look like a meeting report"),
        ("broken.pdf", b"%PDF-1.4 broken", "not a readable PDF"),
    ],
)
def test_api_bad_file_is_422_with_the_reason(
    secretariat_client: Client, net: Net, name: str, content: bytes, reason: str
) -> None:
    response = _post(_english(secretariat_client), content, name)
    assert response.status_code == 422
    assert reason in response.json()["detail"]
    assert response.json()["errors"][0]["field"] == "file"


def test_api_with_a_token_and_csrf_with_the_session(secretariat: Any, net: Net) -> None:
    session = Client(enforce_csrf_checks=True)
    session.force_login(secretariat)
    assert _post(session).status_code == 403  # a forged cross-site form would be refused
    _token, raw = api_token_create(user=secretariat, name="archive script")
    response = Client(enforce_csrf_checks=True).post(
        API, {"file": SimpleUploadedFile("tela.txt", SEED)}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 201
    assert ImportedFile.objects.get().imported_by == secretariat


def test_api_file_too_large(secretariat_client: Client, net: Net, settings: Any) -> None:
    settings.ENLACE_MAX_DOCUMENT_BYTES = 100
    response = _post(_english(secretariat_client))
    assert response.status_code == 422
    assert "larger than" in response.json()["detail"]
    assert Meeting.objects.count() == 0


def test_unconfirmed_batches_are_removed_after_a_day(
    secretariat_client: Client, net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    from enlace.imports import pending

    old = secretariat_client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"]
    monkeypatch.setattr(pending, "MAX_AGE", datetime.timedelta(seconds=-1))
    new = secretariat_client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"]
    assert secretariat_client.get(old).status_code == 404
    assert secretariat_client.get(new).status_code == 200


def test_page_refuses_too_large_files(secretariat_client: Client, net: Net, settings: Any) -> None:
    settings.ENLACE_MAX_DOCUMENT_BYTES = 100
    response = _english(secretariat_client).post(URL, {"reports": _files(("tela.txt", SEED))})
    assert response.status_code == 200
    assert "tela.txt is larger than" in response.content.decode()
    assert not default_storage.exists("imports/pending")


def test_the_preview_names_the_organisation_delegations(
    secretariat_client: Client, net: Net
) -> None:
    text = SEED.decode().replace(
        "Panamá y República Dominicana,", "Panamá y República Dominicana, así como de la RROCM,"
    )
    assert "de la RROCM" in text
    client = _english(secretariat_client)
    response = client.post(URL, {"reports": _files(("tela.txt", text.encode()))})
    html = client.get(response["Location"]).content.decode()
    organisations = html.split("Participating organisations</dt><dd>")[1].split("</dd>")[0]
    assert str(net.rrocm) in organisations
    assert "RROCM” is not a country" not in html


# --- corrections in the preview -----------------------------------------------------------------


def _correction(index: int, **values: str) -> dict[str, str]:
    fields = {
        "kind": "report",
        "body": "red",
        "language": "es",
        "start_date": "2008-05-06",
        "end_date": "2008-05-06",
        "city": "Tela",
        "country": "HND",
        "title": "INFORME",
    }
    fields.update(values)
    return {"correct": str(index), **{f"file{index}-{k}": v for k, v in fields.items()}}


def test_the_preview_says_how_sure_it_is_of_each_field(
    secretariat_client: Client, net: Net
) -> None:
    client = _english(secretariat_client)
    page = client.get(client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"])
    html = page.content.decode()
    assert "<dt>Kind of document</dt><dd>Report" in html
    assert "read as written" in html
    # Canada and others are not in the test network: the list of participants is to be checked.
    assert "inferred: check it" in html
    assert "Correct what was recognised" in html


def test_the_secretariat_corrects_a_field_before_saving(
    secretariat_client: Client, net: Net
) -> None:
    client = _english(secretariat_client)
    preview_url = client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"]
    body = net.network.slug
    kept = client.post(
        preview_url,
        _correction(0, body=body, city="La Ceiba", title="Informe de Tela (corregido)"),
    )
    assert kept.status_code == 302
    assert Meeting.objects.count() == 0  # a correction saves nothing to the platform
    page = client.get(preview_url).content.decode()
    assert "La Ceiba" in page
    assert "corrected" in page
    assert "The corrections were kept. Nothing is saved yet." in page

    client.post(preview_url, {})
    meeting = Meeting.objects.get()
    assert meeting.city == "La Ceiba"
    assert meeting.reports.get().title == "Informe de Tela (corregido)"


def test_a_correction_that_makes_no_sense_is_refused_and_kept_nothing(
    secretariat_client: Client, net: Net
) -> None:
    client = _english(secretariat_client)
    preview_url = client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"]
    refused = client.post(
        preview_url, _correction(0, body=net.network.slug, start_date="2008-05-07", city="Omoa")
    )
    assert refused.status_code == 400
    assert "The last day cannot be before the first." in refused.content.decode()
    assert "Omoa" not in client.get(preview_url).content.decode()
    unknown_body = client.post(preview_url, _correction(0, body="no-such-body"))
    assert unknown_body.status_code == 400
    assert client.post(preview_url, _correction(7, body=net.network.slug)).status_code == 404


def test_no_one_else_corrects_a_batch(
    secretariat_client: Client, officer_client: Client, net: Net
) -> None:
    from enlace.conftest import make_member

    preview_url = secretariat_client.post(URL, {"reports": _files(("tela.txt", SEED))})["Location"]
    colleague = Client()
    colleague.force_login(
        make_member(net, "st_three", role="secretariat", organisation=net.secretariat_org)
    )
    correction = _correction(0, body=net.network.slug, city="Omoa")
    assert colleague.post(preview_url, correction).status_code == 404
    assert officer_client.post(preview_url, correction).status_code == 403
    assert "Omoa" not in secretariat_client.get(preview_url).content.decode()
