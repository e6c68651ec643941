"""The report editor in Debian's chromium, with its script: a draft written with the keyboard
alone (a point moved with Alt+Up arrow, announced), a point moved by dragging it, and a point
moved, by its button and by dragging, with its sub-points."""

from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings
from enlace.meetings.models import Meeting
from enlace.meetings.tests.factories import make_report
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


def _texts(page: Any) -> list[str]:
    rows = page.locator("li[data-point-row] textarea")
    return [rows.nth(i).input_value() for i in range(rows.count())]


def _numbers(page: Any) -> list[str]:
    return page.locator("li[data-point-row] .point-number").all_inner_texts()


def test_a_point_moves_with_its_sub_points(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    report = make_report(
        Meeting.objects.get(city="Tela"),
        language="en",
        points=[
            (0, "One."),
            (1, "One a."),
            (1, "One b."),
            (0, "Two."),
            (1, "Two a."),
            (0, "Three."),
        ],
    )
    log_in("secretariat")
    page.set_viewport_size({"width": 1280, "height": 2400})  # every point in view
    page.goto(f"{live_server.url}/manage/reports/{report.pk}/")
    rows = page.locator("li[data-point-row]")

    # Point 1 down by its button: past point 2 and its a), with its own a) and b).
    rows.nth(0).get_by_role("button", name="Bajar").click()
    expect(page.locator("#editor-status")).to_have_text("Punto movido a la posición 2.")
    assert _texts(page) == ["Two.", "Two a.", "One.", "One a.", "One b.", "Three."]
    assert _numbers(page) == ["1.", "a)", "2.", "a)", "b)", "3."]

    def drag(row: int, onto: int) -> None:
        """Row ``row`` by its handle onto the upper part of row ``onto``."""
        handle = rows.nth(row).locator(".drag-handle").bounding_box()
        target = rows.nth(onto).bounding_box()
        page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
        page.mouse.down()
        page.mouse.move(target["x"] + 40, target["y"] + target["height"] / 2, steps=8)
        page.mouse.move(target["x"] + 40, target["y"] + 4, steps=4)
        page.mouse.up()

    # Point 2 ("One.") dragged onto point 1: first, carrying its a) and b).
    drag(2, 0)
    expect(page.locator("#editor-status")).to_have_text("Punto movido a la posición 1.")
    assert _texts(page) == ["One.", "One a.", "One b.", "Two.", "Two a.", "Three."]
    # Point 3 dragged onto a sub-point of point 1: after that point's sub-points, not among them.
    drag(5, 1)
    assert _texts(page) == ["One.", "One a.", "One b.", "Three.", "Two.", "Two a."]
    assert _numbers(page) == ["1.", "a)", "b)", "2.", "3.", "a)"]

    page.get_by_role("button", name="Guardar").first.click()
    page.wait_for_url("**/reports/*/")
    assert [(p.level, p.text) for p in report.points.order_by("position")] == [
        (0, "One."),
        (1, "One a."),
        (1, "One b."),
        (0, "Three."),
        (0, "Two."),
        (1, "Two a."),
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
