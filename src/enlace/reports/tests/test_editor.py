"""The report editor as a user without JavaScript drives it: the language step of a new report,
the draft pre-filled in its language, the buttons of the points (move, add, split, delete,
restore) that keep every typed text, and saving that never loses it (a validation error, a
stale edit)."""

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.core.services import state_token
from enlace.meetings.models import Meeting
from enlace.meetings.tests.factories import add_delegations, make_meeting, make_report
from enlace.reports.models import Report
from enlace.reports.services import PointRow, report_save


class _FormReader(HTMLParser):
    """What a browser would send for the page's form (buttons aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text = ""
        self._select: str | None = None
        self._first_option: str | None = None
        self._selected = False
        self.in_form = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "report-editor" in a.get("class", ""):
            self.in_form = True
        if not self.in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.data.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], ""
        elif tag == "select":
            self._select, self._first_option, self._selected = a["name"], None, False
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self.data.append((self._select, a.get("value", "")))
                self._selected = True

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_form = False
        if tag == "textarea" and self._textarea is not None:
            # A browser drops the newline right after <textarea> and sends CR LF.
            text = self._text[1:] if self._text.startswith("\n") else self._text
            self.data.append((self._textarea, text.replace("\n", "\r\n")))
            self._textarea = None
        if tag == "select" and self._select:
            if not self._selected and self._first_option is not None:
                self.data.append((self._select, self._first_option))
            self._select = None


def form_of(response: Any) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(response.content.decode())
    return dict(reader.data)


def points_on_page(response: Any) -> list[str]:
    data = form_of(response)
    total = int(data["points-TOTAL_FORMS"])
    return [data[f"points-{i}-text"].replace("\r\n", "\n") for i in range(total)]


def press(client: Client, url: str, page: Any, action: str = "", **typed: str) -> Any:
    """Type into the page's form and press a button (``action``; Save when empty)."""
    data = {**form_of(page), **typed}
    if action:
        data["action"] = action
    return client.post(url, data)


@pytest.fixture
def meeting(net: Net) -> Meeting:
    meeting = make_meeting(net, city="Tela")
    add_delegations(meeting, net.mexico, net.honduras)
    return meeting


# --- the language step ---------------------------------------------------------------------


def test_language_step_offers_only_the_languages_without_a_report(
    secretariat_client: Client, meeting: Meeting
) -> None:
    spanish = make_report(meeting, language="es")

    page = secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}")

    html = page.content.decode()
    assert page.status_code == 200
    assert re.findall(r'type="radio" name="language" value="(\w+)"', html) == ["en", "fr"]
    assert f'href="/reports/{spanish.pk}/"' in html  # the Spanish one is there to open


def test_language_step_says_when_every_language_has_a_report(
    secretariat_client: Client, meeting: Meeting
) -> None:
    for language in ("es", "en", "fr"):
        make_report(meeting, language=language)
    secretariat_client.cookies["enlace_language"] = "en"

    html = secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}").content.decode()

    assert 'type="radio" name="language"' not in html
    assert "already has a report in every language" in html


def test_a_language_already_taken_goes_back_to_the_step(
    secretariat_client: Client, meeting: Meeting
) -> None:
    make_report(meeting, language="es")
    secretariat_client.cookies["enlace_language"] = "en"

    page = secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}&language=es")

    assert page.status_code == 400
    assert "already has a report in this language" in page.content.decode()
    assert re.findall(r'type="radio" name="language" value="(\w+)"', page.content.decode()) == [
        "en",
        "fr",
    ]


def test_saving_a_second_report_in_a_language_is_refused_clearly(
    secretariat_client: Client, meeting: Meeting
) -> None:
    page = secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}&language=en")
    make_report(meeting, language="en", title="Written meanwhile")
    secretariat_client.cookies["enlace_language"] = "en"

    response = press(secretariat_client, "/manage/reports/new/", page, **{"points-0-text": "One."})

    assert response.status_code == 400, response.content.decode()[-3000:]
    assert "This meeting already has a report in English" in response.content.decode()
    assert points_on_page(response) == ["One."]
    assert Report.objects.filter(meeting=meeting).count() == 1


def test_without_a_meeting_the_step_asks_for_one(
    secretariat_client: Client, meeting: Meeting
) -> None:
    html = secretariat_client.get("/manage/reports/new/").content.decode()

    assert f'<option value="{meeting.pk}">' in html
    assert 'name="points-TOTAL_FORMS"' not in html


# --- the draft pre-filled in its language ----------------------------------------------------


def test_english_draft_is_prefilled_in_english(
    secretariat_client: Client, meeting: Meeting
) -> None:
    page = secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}&language=en")

    data = form_of(page)
    network = meeting.body.name_en
    assert data["title"] == f"Report of the meeting of the {network}"
    assert data["place_line"] == "Tela, Honduras"
    assert data["date_line"] == "May 6, 2024"
    assert data["opening"].startswith(f"The {network} of the member countries of the RCM")
    assert "meeting on May 6, 2024 in Tela, Honduras" in data["opening"]
    assert "representatives of Honduras and Mexico, presents" in data["opening"]
    assert "de la" not in data["title"] + data["opening"]
    assert data["language"] == "en"
    assert points_on_page(page) == [""]  # one point to write in, no blank extra rows


def test_french_and_spanish_drafts_are_prefilled_in_their_language(
    secretariat_client: Client, meeting: Meeting
) -> None:
    secretariat_client.cookies["enlace_language"] = "en"  # the page's language does not matter
    fr = form_of(secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}&language=fr"))
    es = form_of(secretariat_client.get(f"/manage/reports/new/?meeting={meeting.pk}&language=es"))

    assert fr["title"] == f"Rapport de la réunion du {meeting.body.name_fr}"
    assert fr["date_line"] == "6 mai 2024"
    assert "le 6 mai 2024 à Tela, Honduras" in fr["opening"]
    assert "Honduras et Mexique" in fr["opening"]
    assert es["title"] == f"Informe de la reunión de la {meeting.body.name_es}"
    assert es["date_line"] == "6 de mayo de 2024"
    assert "celebrada el 6 de mayo de 2024 en Tela, Honduras" in es["opening"]


def test_an_english_draft_is_saved_in_english(secretariat_client: Client, meeting: Meeting) -> None:
    url = f"/manage/reports/new/?meeting={meeting.pk}&language=en"
    page = secretariat_client.get(url)

    response = press(secretariat_client, url, page, **{"points-0-text": "Recognise the efforts."})

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.language, report.title) == ("en", page.context["form"].initial["title"])
    assert [p.text for p in report.points.all()] == ["Recognise the efforts."]


# --- the buttons of the points, without JavaScript ------------------------------------------


def test_add_move_split_delete_and_restore_keep_every_text_and_the_order(
    secretariat_client: Client, secretariat: User, meeting: Meeting
) -> None:
    report = make_report(meeting, points=[(0, "Uno."), (0, "Dos."), (0, "Tres.")])
    uno, dos, tres = report.points.all()
    url = f"/manage/reports/{report.pk}/"
    page = secretariat_client.get(url)
    assert points_on_page(page) == ["Uno.", "Dos.", "Tres."]

    # Type in two points, then move the third up: what was typed moves with its point.
    page = press(
        secretariat_client,
        url,
        page,
        "up:2",
        title="Título cambiado",
        **{"points-0-text": "Uno, cambiado.", "points-2-text": "Tres, cambiado."},
    )
    assert page.status_code == 200
    assert points_on_page(page) == ["Uno, cambiado.", "Tres, cambiado.", "Dos."]
    assert form_of(page)["title"] == "Título cambiado"

    page = press(secretariat_client, url, page, "add:0", **{"points-1-text": "Tres, cambiado."})
    assert points_on_page(page) == ["Uno, cambiado.", "", "Tres, cambiado.", "Dos."]
    page = press(
        secretariat_client,
        url,
        page,
        "split:3",
        **{
            "points-1-text": "Nuevo.",
            "points-3-text": "Dos, primera parte.\r\n\r\nDos, segunda parte.",
        },
    )
    assert points_on_page(page) == [
        "Uno, cambiado.",
        "Nuevo.",
        "Tres, cambiado.",
        "Dos, primera parte.",
        "Dos, segunda parte.",
    ]
    page = press(secretariat_client, url, page, "down:0")
    page = press(secretariat_client, url, page, "remove:2")
    assert "Deleted point" in page.content.decode() or "Punto eliminado" in page.content.decode()
    page = press(secretariat_client, url, page, "add:end", **{})
    page = press(secretariat_client, url, page, "remove:1")
    page = press(secretariat_client, url, page, "restore:1")
    assert report.points.count() == 3  # nothing saved yet

    response = press(secretariat_client, url, page, **{"points-5-text": "Al final."})

    assert response.status_code == 302
    points = list(report.points.order_by("position"))
    assert [p.text for p in points] == [
        "Nuevo.",
        "Uno, cambiado.",
        "Dos, primera parte.",
        "Dos, segunda parte.",
        "Al final.",
    ]
    assert (points[1].pk, points[2].pk) == (uno.pk, dos.pk)  # identity kept, comments too
    assert not report.points.filter(pk=tres.pk).exists()  # the deleted one is gone
    report.refresh_from_db()
    assert report.title == "Título cambiado"


def test_split_without_an_empty_line_says_how(secretariat_client: Client, meeting: Meeting) -> None:
    report = make_report(meeting, points=[(0, "Un solo párrafo.")])
    url = f"/manage/reports/{report.pk}/"
    secretariat_client.cookies["enlace_language"] = "en"

    page = press(secretariat_client, url, secretariat_client.get(url), "split:0")

    assert page.status_code == 400
    assert "leave an empty line in its text" in page.content.decode()
    assert points_on_page(page) == ["Un solo párrafo."]


def test_split_at_the_cursor_the_script_gives(secretariat_client: Client, meeting: Meeting) -> None:
    report = make_report(meeting, points=[(0, "Acordar el plan. Solicitar a la ST.")])
    url = f"/manage/reports/{report.pk}/"

    page = press(
        secretariat_client,
        url,
        secretariat_client.get(url),
        "split:0",
        **{"points-0-split_at": "16"},
    )

    assert points_on_page(page) == ["Acordar el plan.", "Solicitar a la ST."]


def test_sub_points_are_lettered_on_the_page(secretariat_client: Client, meeting: Meeting) -> None:
    report = make_report(meeting, points=[(0, "Uno."), (1, "Inciso."), (1, "Otro."), (0, "Dos.")])

    html = secretariat_client.get(f"/manage/reports/{report.pk}/").content.decode()

    assert re.findall(r'<span class="point-number">([^<]*)</span>', html) == [
        "1.",
        "a)",
        "b)",
        "2.",
    ]


def _labels(page: Any) -> list[str]:
    return re.findall(r'<span class="point-number">([^<]*)</span>', page.content.decode())


def test_a_point_moves_with_its_sub_points(secretariat_client: Client, meeting: Meeting) -> None:
    report = make_report(
        meeting,
        points=[
            (0, "Uno."),
            (1, "Uno a."),
            (1, "Uno b."),
            (0, "Dos."),
            (1, "Dos a."),
            (0, "Tres."),
        ],
    )
    url = f"/manage/reports/{report.pk}/"
    page = secretariat_client.get(url)

    # Point 1 down: past point 2 and its a), its own a) and b) with it.
    page = press(secretariat_client, url, page, "down:0")
    assert points_on_page(page) == ["Dos.", "Dos a.", "Uno.", "Uno a.", "Uno b.", "Tres."]
    assert _labels(page) == ["1.", "a)", "2.", "a)", "b)", "3."]
    # Point 3 up: past the whole of point 2.
    page = press(secretariat_client, url, page, "up:5")
    assert points_on_page(page) == ["Dos.", "Dos a.", "Tres.", "Uno.", "Uno a.", "Uno b."]
    # A sub-point moves alone, within its point.
    page = press(secretariat_client, url, page, "down:4")
    assert points_on_page(page) == ["Dos.", "Dos a.", "Tres.", "Uno.", "Uno b.", "Uno a."]
    # The first point goes no higher, the last no lower: nothing changes.
    for action in ("up:0", "down:3"):
        page = press(secretariat_client, url, page, action)
        assert points_on_page(page) == ["Dos.", "Dos a.", "Tres.", "Uno.", "Uno b.", "Uno a."]

    assert press(secretariat_client, url, page).status_code == 302
    assert [(p.level, p.text) for p in report.points.order_by("position")] == [
        (0, "Dos."),
        (1, "Dos a."),
        (0, "Tres."),
        (0, "Uno."),
        (1, "Uno b."),
        (1, "Uno a."),
    ]


def test_a_deleted_sub_point_moves_with_its_point(
    secretariat_client: Client, meeting: Meeting
) -> None:
    report = make_report(meeting, points=[(0, "Uno."), (1, "Uno a."), (0, "Dos.")])
    url = f"/manage/reports/{report.pk}/"
    page = press(secretariat_client, url, secretariat_client.get(url), "remove:1")
    page = press(secretariat_client, url, page, "down:0")
    assert points_on_page(page) == ["Dos.", "Uno.", "Uno a."]
    assert press(secretariat_client, url, page).status_code == 302
    assert [p.text for p in report.points.order_by("position")] == ["Dos.", "Uno."]


# --- saving never loses typed text -----------------------------------------------------------


def test_a_validation_error_keeps_everything_typed(
    secretariat_client: Client, meeting: Meeting
) -> None:
    report = make_report(meeting, points=[(0, "Uno.")])
    url = f"/manage/reports/{report.pk}/"
    page = secretariat_client.get(url)
    page = press(secretariat_client, url, page, "add:end")

    response = press(
        secretariat_client,
        url,
        page,
        title="",
        **{"points-0-text": "Uno, corregido.", "points-1-text": "Nuevo punto."},
    )

    assert response.status_code == 400
    assert points_on_page(response) == ["Uno, corregido.", "Nuevo punto."]
    assert [p.text for p in report.points.all()] == ["Uno."]


def test_a_stale_edit_keeps_the_typed_text_and_saving_again_is_a_choice(
    secretariat_client: Client, secretariat: User, meeting: Meeting
) -> None:
    report = make_report(meeting, title="Antes", points=[(0, "Uno."), (0, "Dos.")])
    uno, dos = report.points.all()
    url = f"/manage/reports/{report.pk}/"
    page = secretariat_client.get(url)
    # Meanwhile the PPT saves: a new title, point "Dos." removed.
    report_save(
        user=secretariat,
        report=Report.objects.get(pk=report.pk),
        data={"title": "Cambio de la PPT"},
        points=[PointRow(0, "Uno de la PPT.", uno.pk)],
    )
    secretariat_client.cookies["enlace_language"] = "en"

    response = press(
        secretariat_client,
        url,
        page,
        title="Mi título",
        **{"points-0-text": "Mi uno.", "points-1-text": "Mi dos."},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Someone else saved this report after you opened it" in html
    assert "Uno de la PPT." in html  # their version, to compare
    assert points_on_page(response) == ["Mi uno.", "Mi dos."]
    assert form_of(response)["title"] == "Mi título"
    report.refresh_from_db()
    assert (report.title, [p.text for p in report.points.all()]) == (
        "Cambio de la PPT",
        ["Uno de la PPT."],
    )
    assert form_of(response)["state"] == state_token(report)

    again = press(secretariat_client, url, response)

    assert again.status_code == 302
    report.refresh_from_db()
    assert report.title == "Mi título"
    assert [p.text for p in report.points.all()] == ["Mi uno.", "Mi dos."]
    assert report.points.get(text="Mi uno.").pk == uno.pk
    assert report.points.get(text="Mi dos.").pk != dos.pk  # they had removed it: a new point


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_client", 404), ("observer_client", 404), ("outsider_client", 404), ("client", 403)],
)
def test_the_points_buttons_are_refused_to_who_may_not_edit(
    request: pytest.FixtureRequest, net: Net, meeting: Meeting, who: str, status: int
) -> None:
    report = make_report(meeting, points=[(0, "Texto interno del borrador.")])
    data = {
        "points-TOTAL_FORMS": "1",
        "points-INITIAL_FORMS": "1",
        "points-0-text": "Texto interno del borrador.",
        "points-0-level": "0",
        "action": "add:end",
    }

    response = request.getfixturevalue(who).post(f"/manage/reports/{report.pk}/", data)

    assert response.status_code == status
    assert "Texto interno del borrador." not in response.content.decode()
    assert report.points.count() == 1


def test_the_language_step_is_refused_to_who_may_not_create_reports(
    officer_client: Client, meeting: Meeting
) -> None:
    assert officer_client.get(f"/manage/reports/new/?meeting={meeting.pk}").status_code == 403
