"""The administration pages of meetings and reports (/manage/…): who may use them, and how."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import constants, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enlace.conftest import Net
from enlace.core.services import state_token
from enlace.core.tests.files import HTML_AS_PDF, SVG, xlsx_bomb
from enlace.meetings.models import (
    Meeting,
    MeetingDocument,
    Participation,
    Representative,
    Visibility,
)
from enlace.meetings.tests.factories import add_delegations, make_meeting, make_report
from enlace.network.models import Presidency
from enlace.reports.models import Report


def meeting_post(net: Net, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "body": net.network.pk,
        "title": "Reunión de la Red en Tela",
        "start_date": "2024-05-06",
        "end_date": "2024-05-07",
        "city": "Tela",
        "country": net.honduras.pk,
        "format": Meeting.Format.IN_PERSON,
        "visibility": Visibility.PUBLIC,
        "countries": [net.honduras.pk, net.mexico.pk],
        "organisations": [net.rrocm.pk],
        "agenda": "Avances de los países\nPlan de Trabajo\n",
        "state": "",
    }
    data.update(changes)
    return data


def report_post(
    meeting: Meeting, points: list[tuple[Any, ...]], /, **changes: Any
) -> dict[str, Any]:
    """A report form's POST; a point is (level, text) or (level, text, id of the point)."""
    data: dict[str, Any] = {
        "meeting": meeting.pk,
        "language": "es",
        "title": "Informe de la reunión",
        "place_line": "Tela, Honduras",
        "date_line": "6 de mayo, 2024",
        "opening": "La Red se reunió y presenta su informe contenido en los siguientes puntos:",
        "state": "",
        "points-TOTAL_FORMS": str(len(points)),
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
    }
    for i, (level, text, *point_id) in enumerate(points):
        data[f"points-{i}-level"] = str(level)
        data[f"points-{i}-text"] = text
        if point_id:
            data[f"points-{i}-id"] = str(point_id[0])
    data.update(changes)
    return data


def error_messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]


def assert_sent_to_login(response: Any) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- meetings ----------------------------------------------------------------------------------


def test_secretariat_opens_the_new_meeting_page(secretariat_client: Client, net: Net) -> None:
    response = secretariat_client.get("/manage/meetings/new/")

    assert response.status_code == 200
    assert 'name="countries"' in response.content.decode()


@pytest.mark.parametrize("who", ["officer_client", "observer_client", "outsider_client"])
def test_others_are_refused_the_new_meeting_page(
    request: pytest.FixtureRequest, net: Net, who: str
) -> None:
    client = request.getfixturevalue(who)

    assert client.get("/manage/meetings/new/").status_code == 403
    assert client.post("/manage/meetings/new/", meeting_post(net)).status_code == 403
    assert not Meeting.objects.exists()


def test_anonymous_is_sent_to_log_in(client: Client, net: Net) -> None:
    meeting = make_meeting(net)

    assert_sent_to_login(client.get("/manage/meetings/new/"))
    assert_sent_to_login(client.get(f"/manage/meetings/{meeting.pk}/"))
    assert_sent_to_login(client.get(f"/manage/reports/new/?meeting={meeting.pk}"))
    for report in (
        make_report(meeting, language="es"),
        make_report(meeting, language="en", status=Report.Status.ADOPTED, is_published=True),
    ):
        assert_sent_to_login(client.get(f"/manage/reports/{report.pk}/"))
    assert client.post("/manage/meetings/new/", meeting_post(net)).status_code == 403
    assert Meeting.objects.count() == 1


def test_secretariat_creates_a_meeting(secretariat_client: Client, net: Net) -> None:
    response = secretariat_client.post("/manage/meetings/new/", meeting_post(net))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/manage/meetings/{meeting.pk}/"
    assert meeting.title == "Reunión de la Red en Tela"
    assert {p.country_id for p in meeting.participations.filter(country__isnull=False)} == {
        net.honduras.pk,
        net.mexico.pk,
    }
    assert meeting.participations.filter(organisation=net.rrocm).exists()
    assert [a.title for a in meeting.agenda_items.all()] == [
        "Avances de los países",
        "Plan de Trabajo",
    ]


@pytest.mark.parametrize(
    "changes",
    [{"title": ""}, {"end_date": "2024-05-01"}, {"start_date": "el lunes"}, {"body": ""}],
    ids=["no title", "ends before it starts", "unreadable date", "no body"],
)
def test_invalid_meeting_post_is_400_and_saves_nothing(
    secretariat_client: Client, net: Net, changes: dict[str, Any]
) -> None:
    response = secretariat_client.post("/manage/meetings/new/", meeting_post(net, **changes))

    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Meeting.objects.exists()
    assert not Participation.objects.exists()


def test_secretariat_edits_a_meeting_and_drops_a_delegation(
    secretariat_client: Client, net: Net
) -> None:
    meeting = make_meeting(net, title="Antes")
    add_delegations(meeting, net.honduras, net.mexico)

    page = secretariat_client.get(f"/manage/meetings/{meeting.pk}/")
    form = page.context["form"]
    assert set(form.initial["countries"]) == {net.honduras.pk, net.mexico.pk}
    response = secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/",
        meeting_post(
            net,
            title="Después",
            countries=[net.honduras.pk],
            organisations=[],
            state=form.initial["state"],
        ),
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Después"
    assert [p.country for p in meeting.participations.all()] == [net.honduras]


def test_stale_meeting_form_is_400_and_overwrites_nothing(
    secretariat_client: Client, net: Net
) -> None:
    meeting = make_meeting(net, title="Antes")
    opened = state_token(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(title="Cambio de otra persona")

    response = secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/", meeting_post(net, title="Mi cambio", state=opened)
    )

    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.title == "Cambio de otra persona"
    assert not meeting.participations.exists()


@pytest.mark.parametrize(
    "who", ["officer_client", "other_client", "observer_client"], ids=lambda w: w
)
def test_officers_and_observers_cannot_edit_a_meeting(
    request: pytest.FixtureRequest, net: Net, ppt_honduras: Presidency, who: str
) -> None:
    """Not even the officer of the presiding country, nor of the host country."""
    client = request.getfixturevalue(who)
    meeting = make_meeting(net, title="Antes")

    assert client.get(f"/manage/meetings/{meeting.pk}/").status_code == 403
    response = client.post(f"/manage/meetings/{meeting.pk}/", meeting_post(net, title="Después"))

    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.title == "Antes"


def test_unknown_meeting_edit_is_404(secretariat_client: Client, net: Net) -> None:
    assert secretariat_client.get("/manage/meetings/999999/").status_code == 404


# --- representatives ---------------------------------------------------------------------------


def test_secretariat_adds_and_removes_a_representative(
    secretariat_client: Client, net: Net
) -> None:
    meeting = make_meeting(net)
    add_delegations(meeting, net.honduras)
    participation = meeting.participations.get()

    response = secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/representatives/",
        {"participation": participation.pk, "name": "Ana Pérez", "position": "Fiscal"},
    )

    assert response.status_code == 302
    representative = Representative.objects.get()
    assert (representative.participation, representative.name, representative.position) == (
        participation,
        "Ana Pérez",
        "Fiscal",
    )
    assert "Ana Pérez" in secretariat_client.get(f"/meetings/{meeting.pk}/").content.decode()

    response = secretariat_client.post(f"/manage/representatives/{representative.pk}/remove/")

    assert response.status_code == 302
    assert not Representative.objects.exists()


def test_representative_without_a_name_is_refused(secretariat_client: Client, net: Net) -> None:
    meeting = make_meeting(net)
    add_delegations(meeting, net.honduras)

    response = secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/representatives/",
        {"participation": meeting.participations.get().pk, "name": "", "position": ""},
    )

    assert response.status_code == 302
    assert error_messages(response)
    assert not Representative.objects.exists()


def test_representative_of_another_meetings_delegation_is_refused(
    secretariat_client: Client, net: Net
) -> None:
    meeting = make_meeting(net)
    other = make_meeting(net)
    add_delegations(other, net.honduras)

    secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/representatives/",
        {"participation": other.participations.get().pk, "name": "Ana"},
    )

    assert not Representative.objects.exists()


@pytest.mark.parametrize("who", ["officer_client", "observer_client"])
def test_others_cannot_add_or_remove_representatives(
    request: pytest.FixtureRequest, net: Net, who: str
) -> None:
    client = request.getfixturevalue(who)
    meeting = make_meeting(net)
    add_delegations(meeting, net.honduras)
    participation = meeting.participations.get()
    kept = Representative.objects.create(participation=participation, name="Ana")

    added = client.post(
        f"/manage/meetings/{meeting.pk}/representatives/",
        {"participation": participation.pk, "name": "Intruso"},
    )
    removed = client.post(f"/manage/representatives/{kept.pk}/remove/")

    assert (added.status_code, removed.status_code) == (403, 403)
    assert list(Representative.objects.values_list("name", flat=True)) == ["Ana"]


def test_representative_pages_take_no_get(secretariat_client: Client, net: Net) -> None:
    meeting = make_meeting(net)

    response = secretariat_client.get(f"/manage/meetings/{meeting.pk}/representatives/")

    assert response.status_code == 405


# --- documents ---------------------------------------------------------------------------------


def stored_files(settings: Any) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def document_post(name: str, content: bytes, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Agenda anotada",
        "language": "es",
        "visibility": Visibility.NETWORK,
        "file": SimpleUploadedFile(name, content),
    }
    data.update(changes)
    return data


def test_secretariat_uploads_a_document(
    secretariat_client: Client, observer_client: Client, net: Net
) -> None:
    meeting = make_meeting(net)

    response = secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/documents/", document_post("agenda.pdf", b"%PDF-1.4")
    )

    assert response.status_code == 302
    document = MeetingDocument.objects.get()
    assert (document.meeting, document.title, document.visibility) == (
        meeting,
        "Agenda anotada",
        Visibility.NETWORK,
    )
    download = observer_client.get(f"/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4"


@pytest.mark.parametrize(
    ("name", "size"), [("programa.exe", 10), ("anexo.pdf", 2049)], ids=["exe", "too large"]
)
def test_refused_upload_saves_nothing(
    secretariat_client: Client, net: Net, settings: Any, name: str, size: int
) -> None:
    settings.ENLACE_MAX_DOCUMENT_BYTES = 2048
    meeting = make_meeting(net)

    response = secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/documents/", document_post(name, b"x" * size)
    )

    assert response.status_code == 302
    assert error_messages(response)
    assert not MeetingDocument.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("agenda.pdf", HTML_AS_PDF, "not one of the accepted kinds"),
        ("agenda.txt", SVG, "not one of the accepted kinds"),
        ("agenda.xlsx", xlsx_bomb(), "would unzip to"),
    ],
    ids=["html named pdf", "svg named txt", "xlsx bomb"],
)
def test_a_document_is_refused_by_its_content(
    secretariat_client: Client, net: Net, settings: Any, name: str, content: bytes, says: str
) -> None:
    meeting = make_meeting(net)
    secretariat_client.cookies["enlace_language"] = "en"

    response = secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/documents/", document_post(name, content)
    )

    assert response.status_code == 302
    assert any(says in message for message in error_messages(response))
    assert not MeetingDocument.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "served_as"),
    [
        ("agenda.pdf", "application/pdf"),
        ("page.html", "application/octet-stream"),
        ("map.svg", "application/octet-stream"),
    ],
)
def test_a_document_is_only_ever_downloaded_never_sniffed(
    observer_client: Client, net: Net, name: str, served_as: str
) -> None:
    meeting = make_meeting(net, visibility=Visibility.PUBLIC)
    # A file stored before uploads were checked by content, whatever it is.
    document = MeetingDocument(meeting=meeting, title="Anexo", visibility=Visibility.NETWORK)
    document.file.save(name, SimpleUploadedFile(name, HTML_AS_PDF), save=True)

    download = observer_client.get(f"/documents/{document.pk}/")

    assert download.status_code == 200
    assert download["Content-Type"] == served_as
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_upload_without_a_file_is_refused(secretariat_client: Client, net: Net) -> None:
    meeting = make_meeting(net)
    data = document_post("x.pdf", b"x")
    del data["file"]

    response = secretariat_client.post(f"/manage/meetings/{meeting.pk}/documents/", data)

    assert error_messages(response)
    assert not MeetingDocument.objects.exists()


@pytest.mark.parametrize("who", ["officer_client", "observer_client"])
def test_others_cannot_upload_or_remove_documents(
    request: pytest.FixtureRequest, net: Net, settings: Any, who: str
) -> None:
    client = request.getfixturevalue(who)
    meeting = make_meeting(net)

    uploaded = client.post(
        f"/manage/meetings/{meeting.pk}/documents/", document_post("nota.pdf", b"%PDF-1.4")
    )

    assert uploaded.status_code == 403
    assert not MeetingDocument.objects.exists()
    assert stored_files(settings) == []


def test_secretariat_removes_a_document_and_an_officer_cannot(
    secretariat_client: Client, officer_client: Client, net: Net
) -> None:
    meeting = make_meeting(net)
    secretariat_client.post(
        f"/manage/meetings/{meeting.pk}/documents/", document_post("nota.pdf", b"%PDF-1.4")
    )
    document = MeetingDocument.objects.get()

    url = f"/manage/documents/{document.pk}/remove/"
    assert officer_client.post(url).status_code == 403
    assert officer_client.get(url).status_code == 403
    assert MeetingDocument.objects.exists()
    editor = secretariat_client.get(f"/manage/meetings/{meeting.pk}/").content.decode()
    assert f'href="{url}"' in editor
    ask = secretariat_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert document.title in ask.content.decode()
    assert "This cannot be undone" in ask.content.decode()
    assert MeetingDocument.objects.exists()
    response = secretariat_client.post(url)

    assert response.status_code == 302
    assert not MeetingDocument.objects.exists()


# --- reports -----------------------------------------------------------------------------------


def test_new_report_page_preselects_the_meeting(secretariat_client: Client, net: Net) -> None:
    meeting = make_meeting(net)

    response = secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}&language=es")

    assert response.status_code == 200
    assert str(response.context["form"]["meeting"].value()) == str(meeting.pk)
    assert 'name="points-TOTAL_FORMS"' in response.content.decode()


def test_secretariat_creates_a_report_with_points(secretariat_client: Client, net: Net) -> None:
    meeting = make_meeting(net)

    response = secretariat_client.post(
        f"/manage/reports/new/?meeting={meeting.pk}",
        report_post(
            meeting,
            [(0, "Reconocer los esfuerzos."), (1, "en la prevención;"), (0, ""), (0, "Adoptar.")],
        ),
    )

    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    assert [(p.level, p.text) for p in report.points.all()] == [
        (0, "Reconocer los esfuerzos."),
        (1, "en la prevención;"),
        (0, "Adoptar."),
    ]
    page = secretariat_client.get(f"/reports/{report.pk}/").content.decode()
    assert "Reconocer los esfuerzos." in page


def test_deleted_point_rows_are_dropped(secretariat_client: Client, net: Net) -> None:
    meeting = make_meeting(net)
    data = report_post(meeting, [(0, "Se queda."), (0, "Se borra.")])
    data["points-1-DELETE"] = "on"

    secretariat_client.post("/manage/reports/new/", data)

    assert [p.text for p in Report.objects.get().points.all()] == ["Se queda."]


@pytest.mark.parametrize(
    ("points", "changes"),
    [
        ([], {}),
        ([(0, ""), (0, "  ")], {}),
        ([(1, "Inciso suelto."), (0, "Punto.")], {}),
        ([(0, "Punto.")], {"title": ""}),
        ([(0, "Punto.")], {"meeting": "999999"}),
        ([(5, "Nivel imposible.")], {}),
    ],
    ids=["no rows", "empty rows", "sub-point first", "no title", "unknown meeting", "bad level"],
)
def test_invalid_report_post_is_400_and_saves_nothing(
    secretariat_client: Client, net: Net, points: list[tuple[int, str]], changes: dict[str, Any]
) -> None:
    meeting = make_meeting(net)

    response = secretariat_client.post(
        "/manage/reports/new/", report_post(meeting, points, **changes)
    )

    assert response.status_code == 400
    assert not Report.objects.exists()


def test_ppt_officer_drafts_a_report_but_cannot_adopt_or_publish_it(
    officer_client: Client, net: Net, ppt_honduras: Presidency
) -> None:
    meeting = make_meeting(net)
    assert officer_client.get(f"/manage/reports/new/?meeting={meeting.pk}").status_code == 200

    response = officer_client.post(
        "/manage/reports/new/",
        report_post(
            meeting,
            [(0, "Punto de la PPT.")],
            status=Report.Status.ADOPTED,
            adopted_on="2024-05-07",
            is_published="on",
        ),
    )

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.status, report.is_published, report.adopted_on) == (
        Report.Status.DRAFT,
        False,
        None,
    )


@pytest.mark.parametrize(
    "who", ["officer_client", "other_client", "observer_client"], ids=lambda w: w
)
def test_without_the_presidency_no_one_but_the_secretariat_creates_reports(
    request: pytest.FixtureRequest, net: Net, who: str
) -> None:
    client = request.getfixturevalue(who)
    meeting = make_meeting(net)

    assert client.get(f"/manage/reports/new/?meeting={meeting.pk}").status_code == 403
    response = client.post("/manage/reports/new/", report_post(meeting, [(0, "Punto.")]))

    assert response.status_code == 403
    assert not Report.objects.exists()


def test_secretariat_edits_a_report_with_the_points_formset(
    secretariat_client: Client, net: Net
) -> None:
    report = make_report(make_meeting(net), title="Antes", points=[(0, "Uno."), (1, "Inciso.")])
    uno, inciso = report.points.all()

    page = secretariat_client.get(f"/manage/reports/{report.pk}/")
    assert page.status_code == 200
    assert [f.initial for f in page.context["formset"].initial_forms] == [
        {"id": uno.pk, "level": 0, "text": "Uno."},
        {"id": inciso.pk, "level": 1, "text": "Inciso."},
    ]
    data = report_post(
        report.meeting,
        [(0, "Uno corregido.", uno.pk), (0, "Dos.")],
        title="Después",
        status=Report.Status.ADOPTED,  # not a field of the editor: adopting is a button
        is_published="on",
        state=page.context["form"].initial["state"],
    )
    response = secretariat_client.post(f"/manage/reports/{report.pk}/", data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.status, report.is_published) == (
        "Después",
        Report.Status.DRAFT,
        False,
    )
    assert [(p.pk == uno.pk, p.level, p.text) for p in report.points.all()] == [
        (True, 0, "Uno corregido."),
        (False, 0, "Dos."),
    ]


def test_ppt_officer_edits_a_draft(
    officer_client: Client, net: Net, ppt_honduras: Presidency
) -> None:
    report = make_report(make_meeting(net), title="Antes")
    page = officer_client.get(f"/manage/reports/{report.pk}/")
    assert page.status_code == 200

    response = officer_client.post(
        f"/manage/reports/{report.pk}/",
        report_post(
            report.meeting,
            [(0, "Revisado.")],
            title="Revisado por la PPT",
            state=page.context["form"].initial["state"],
        ),
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "Revisado por la PPT"


def test_ppt_officer_cannot_edit_an_adopted_report(
    officer_client: Client, net: Net, ppt_honduras: Presidency
) -> None:
    report = make_report(
        make_meeting(net), title="Adoptado", status=Report.Status.ADOPTED, is_published=True
    )

    assert officer_client.get(f"/manage/reports/{report.pk}/").status_code == 404
    response = officer_client.post(
        f"/manage/reports/{report.pk}/",
        report_post(report.meeting, [(0, "Otro.")], title="Reescrito"),
    )

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.title == "Adoptado"


@pytest.mark.parametrize(
    "who", ["other_client", "observer_client", "outsider_client"], ids=lambda w: w
)
def test_other_country_officer_and_observers_cannot_edit_the_ppt_draft(
    request: pytest.FixtureRequest, net: Net, ppt_honduras: Presidency, who: str
) -> None:
    client = request.getfixturevalue(who)
    report = make_report(make_meeting(net), title="Borrador de Honduras", observers_invited=True)

    response = client.post(
        f"/manage/reports/{report.pk}/",
        report_post(report.meeting, [(0, "Otro.")], title="Cambiado"),
    )

    # The editor of another country's draft does not exist for them: not found, not "forbidden".
    assert response.status_code == 404
    assert client.get(f"/manage/reports/{report.pk}/").status_code == 404
    report.refresh_from_db()
    assert report.title == "Borrador de Honduras"


def test_anonymous_cannot_edit_a_report(client: Client, net: Net) -> None:
    report = make_report(make_meeting(net), title="Antes")

    response = client.post(
        f"/manage/reports/{report.pk}/", report_post(report.meeting, [(0, "X.")], title="Después")
    )

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.title == "Antes"


def test_invalid_report_edit_is_400_and_changes_nothing(
    secretariat_client: Client, net: Net
) -> None:
    report = make_report(make_meeting(net), title="Antes", points=[(0, "Original.")])

    response = secretariat_client.post(
        f"/manage/reports/{report.pk}/",
        report_post(report.meeting, [(1, "Inciso suelto.")], title="Después"),
    )

    assert response.status_code == 400
    report.refresh_from_db()
    assert report.title == "Antes"
    assert [p.text for p in report.points.all()] == ["Original."]


def test_stale_report_form_is_400_and_overwrites_nothing(
    secretariat_client: Client, net: Net
) -> None:
    report = make_report(make_meeting(net), title="Antes", points=[(0, "Original.")])
    opened = state_token(report)
    Report.objects.filter(pk=report.pk).update(title="Cambio de la PPT")

    response = secretariat_client.post(
        f"/manage/reports/{report.pk}/",
        report_post(report.meeting, [(0, "Mío.")], title="Mi cambio", state=opened),
    )

    assert response.status_code == 400
    report.refresh_from_db()
    assert report.title == "Cambio de la PPT"
    assert [p.text for p in report.points.all()] == ["Original."]
