"""The report editor in Debian's chromium, with its script: a draft written with the keyboard
alone (a point moved with Alt+Up arrow, announced), and a point moved by dragging it."""

from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings
from enlace.meetings.models import Meeting
from enlace.reports.models import Report


def _open_new_draft(page: Any, live_server: Any, language: str) -> None:
    """The language step, by keyboard: choose the language, then the button after the group."""
    meeting = Meeting.objects.get(city="Tela")
    page.goto(f"{live_server.url}/manage/reports/new/?meeting={meeting.pk}")
    page.locator(f"#language-{language}").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Empezar el borrador")
    page.keyboard.press("Enter")
    page.wait_for_selector("form.report-editor")


def test_a_draft_written_with_the_keyboard_alone(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("secretariat")
    _open_new_draft(page, live_server, "en")
    expect(page.locator("#id_title")).to_have_value(
        "Report of the meeting of the Network of Liaison Officers to Combat Trafficking in "
        "Persons and the Smuggling of Migrants"
    )

    page.locator("textarea[name='points-0-text']").focus()
    page.keyboard.type("Recognise the efforts of the member countries.")
    page.keyboard.press("Tab")  # the kind of the point
    for _ in range(6):  # up, down, add below, split, delete, then "Add a point at the end"
        page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Agregar un punto al final")
    page.keyboard.press("Enter")
    # The page comes back with the new point's text box focused and the first text kept.
    expect(page.locator(":focus")).to_have_attribute("name", "points-1-text")
    expect(page.locator("textarea[name='points-0-text']")).to_have_value(
        "Recognise the efforts of the member countries."
    )
    page.keyboard.type("Adopt the work plan.")
    page.keyboard.press("Alt+ArrowUp")

    expect(page.locator("#editor-status")).to_have_text("Punto movido a la posición 1.")
    focused = page.locator(":focus")
    expect(focused).to_have_value("Adopt the work plan.")
    expect(focused).to_have_attribute("name", "points-0-text")  # renumbered in the new order
    page.keyboard.type(" By July.")
    page.locator("#id_title").focus()
    page.keyboard.press("Enter")  # the form's first button: Save

    page.wait_for_url("**/reports/*/")
    report = Report.objects.get(language="en")
    assert [p.text for p in report.points.order_by("position")] == [
        "Adopt the work plan. By July.",
        "Recognise the efforts of the member countries.",
    ]


def test_a_point_moved_by_dragging_it(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("secretariat")
    _open_new_draft(page, live_server, "fr")
    page.fill("textarea[name='points-0-text']", "Premier.")
    page.get_by_role("button", name="Agregar un punto al final").click()
    page.fill("textarea[name='points-1-text']", "Deuxième.")
    page.get_by_role("button", name="Agregar un punto al final").click()
    page.fill("textarea[name='points-2-text']", "Troisième.")

    rows = page.locator("li[data-point-row]")
    page.set_viewport_size({"width": 1280, "height": 2400})  # every point in view
    rows.nth(0).scroll_into_view_if_needed()
    handle = rows.nth(2).locator(".drag-handle").bounding_box()
    target = rows.nth(0).bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 40, target["y"] + 20, steps=8)
    page.mouse.move(target["x"] + 40, target["y"] + 6, steps=4)
    page.mouse.up()

    expect(page.locator("#editor-status")).to_have_text("Punto movido a la posición 1.")
    expect(rows.nth(0).locator("textarea")).to_have_value("Troisième.")
    expect(rows.nth(0).locator(".point-number")).to_have_text("1.")
    page.get_by_role("button", name="Guardar").first.click()

    page.wait_for_url("**/reports/*/")
    report = Report.objects.get(language="fr")
    assert [p.text for p in report.points.order_by("position")] == [
        "Troisième.",
        "Premier.",
        "Deuxième.",
    ]


def test_the_language_step_and_a_new_draft_pass_axe(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    meeting = Meeting.objects.get(city="Tela")
    log_in("secretariat")
    base = f"{live_server.url}/manage/reports/new/"

    assert_no_serious_axe_findings(
        page, [base, f"{base}?meeting={meeting.pk}", f"{base}?meeting={meeting.pk}&language=en"]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}?meeting={meeting.pk}&language=en")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_split_cuts_the_point_at_the_cursor(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("secretariat")
    _open_new_draft(page, live_server, "en")
    text = page.locator("textarea[name='points-0-text']")
    text.fill("Adopt the plan. Ask the ST for the archive.")
    text.focus()
    page.keyboard.press("End")
    for _ in range(len("Ask the ST for the archive.")):
        page.keyboard.press("ArrowLeft")

    page.get_by_role("button", name="Dividir").click()

    expect(page.locator("textarea[name='points-0-text']")).to_have_value("Adopt the plan.")
    expect(page.locator("textarea[name='points-1-text']")).to_have_value(
        "Ask the ST for the archive."
    )
    expect(page.locator(":focus")).to_have_attribute("name", "points-1-text")
