"""Three things users do, done in the demo in Spanish with the keyboard alone: after the first
page is opened, only Tab, Shift+Tab, Enter, Space, arrow keys and typing. Locators only read.

1. The secretariat drafts a report, saves it, adopts it and publishes it (each through its
   confirmation page); an anonymous visitor then reads it.
2. Honduras sends a cooperation request to Mexico, once refused (the error summary takes the
   focus and leads to the field); Mexico acknowledges it; Honduras sees it acknowledged.
3. The observer submits a contribution to the coming meeting, once refused, then accepted.

At every control pressed, the focus indicator must contrast 3:1 with what is behind it.
"""

import datetime
import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from enlace.accounts.models import User
from enlace.contributions.models import Contribution
from enlace.cooperation.models import CooperationRequest
from enlace.core.tests.browser import FOCUS_COLOURS, TIMEOUT_MS, contrast, sign_in
from enlace.meetings.models import Meeting
from enlace.network.models import Country
from enlace.reports.models import Report

# What the focused element is, to say where the focus went when it is not where it should be.
FOCUSED = """() => { const el = document.activeElement;
  if (!el || el === document.body) return 'nothing';
  const text = (el.innerText || el.value || '').trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
    `${el.name ? '[name=' + el.name + ']' : ''} "${text}"`; }"""
MATCHES = """([selector, text]) => { const el = document.activeElement;
  return !!el && el.matches(selector) &&
    (text === null || (el.innerText || el.value || '').includes(text)); }"""


def _tab_to(page: Any, selector: str, text: str | None = None, *, back: bool = False) -> None:
    """Tab (or Shift+Tab) until the focus is on the element matching selector (and text)."""
    visited: list[str] = []
    for _ in range(150):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(MATCHES, [selector, text]):
            return
        visited.append(page.evaluate(FOCUSED))
    raise AssertionError(
        f"{selector} {text or ''} is never reached by keyboard; the focus went: "
        + " → ".join(visited)
    )


def _assert_focus_shown(page: Any) -> None:
    """The focused element shows it, with a 3:1 contrast against what is behind it."""
    what = page.evaluate(FOCUSED)
    seen = page.locator(":focus").evaluate(FOCUS_COLOURS)
    assert seen["focused"], f"{what} loses the focus"
    assert seen["visible"], f"{what} shows no focus"
    best = max((contrast(c, seen["behind"]) for c in seen["shown"]), default=0.0)
    assert best >= 3, f"{what}: focus shown as {seen['shown']} on {seen['behind']} ({best:.2f}:1)"


def _press(page: Any, selector: str, text: str | None = None, key: str = "Enter") -> None:
    """Reach a control by Tab, check its focus is visible, and press it."""
    _tab_to(page, selector, text)
    _assert_focus_shown(page)
    page.keyboard.press(key)


def _press_and_load(page: Any, selector: str, text: str | None = None) -> None:
    with page.expect_navigation():
        _press(page, selector, text)
    page.wait_for_load_state()


def _assert_refused_form_leads_to(page: Any, field_id: str) -> None:
    """The refused form's error summary has the focus, links to the field, and the link, followed
    by keyboard, puts the focus in the field."""
    assert page.evaluate("document.activeElement.classList.contains('error-summary')"), (
        f"after the refusal the focus is on {page.evaluate(FOCUSED)}, not the error summary"
    )
    expect(page.locator(f'.error-summary a[href="#{field_id}"]')).to_be_visible()
    _press(page, f'.error-summary a[href="#{field_id}"]')
    expect(page.locator(":focus")).to_have_attribute("id", field_id)


def test_the_secretariat_drafts_adopts_and_publishes_a_report_by_keyboard(
    page: Any, browser: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    meeting = Meeting.objects.get(city="Tela")
    assert not meeting.reports.filter(language="en").exists()
    log_in("secretariat")
    page.goto(f"{live_server.url}/manage/reports/new/?meeting={meeting.pk}")

    _tab_to(page, "input[name=language]")  # the group's checked radio; arrows move in it
    for _ in range(3):
        if page.evaluate("document.activeElement.id") == "language-en":
            break
        page.keyboard.press("ArrowDown")
    _assert_focus_shown(page)
    page.keyboard.press("Space")
    expect(page.locator("#language-en")).to_be_checked()
    _press_and_load(page, "button[type=submit]", "Empezar el borrador")

    _tab_to(page, "textarea[name='points-0-text']")
    page.keyboard.type("Reconocer los esfuerzos de los países miembros.")
    _press_and_load(page, "form.report-editor .actions button[type=submit]", "Guardar")
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    report = Report.objects.get(meeting=meeting, language="en")
    assert [p.text for p in report.points.all()] == [
        "Reconocer los esfuerzos de los países miembros."
    ]

    _press_and_load(page, f'a.button[href="/reports/{report.pk}/adopt/"]')
    _press_and_load(page, "main form button[type=submit].warning")  # the confirmation
    expect(page.locator(".report-meta .badge")).to_have_text(re.compile("Adoptado", re.I))

    _press_and_load(page, f'a.button[href^="/reports/{report.pk}/publish/"]')
    _press_and_load(page, "main form button[type=submit].warning")  # the confirmation
    expect(page.locator(".report-meta")).to_contain_text("publicado")
    report.refresh_from_db()
    assert report.status == Report.Status.ADOPTED
    assert report.is_published

    visitor = browser.new_context(locale="es-ES")
    visitor.set_default_timeout(TIMEOUT_MS)
    public = visitor.new_page()
    response = public.goto(f"{live_server.url}/reports/{report.pk}/")
    assert response is not None
    assert response.ok
    expect(public.locator("article.report")).to_contain_text(
        "Reconocer los esfuerzos de los países miembros."
    )
    visitor.close()


def test_honduras_asks_mexico_and_mexico_acknowledges_by_keyboard(
    page: Any, browser: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    mexico = Country.objects.get(code="MEX")
    log_in("honduras")
    page.goto(f"{live_server.url}/cooperation/")
    _press_and_load(page, 'a[href="/cooperation/new/"]')
    _press_and_load(page, 'main ul.choices a[href="?type=other"]')

    _tab_to(page, "#id_requesting_country")
    if not page.evaluate("document.activeElement.value"):
        page.keyboard.press("ArrowDown")  # the only country the officer speaks for
    _press(page, f'input[name=requested_countries][value="{mexico.pk}"]', key="Space")
    expect(page.locator(f'input[name=requested_countries][value="{mexico.pk}"]')).to_be_checked()
    _press_and_load(page, "main form button[type=submit]", "Enviar")  # "What is asked" empty

    _assert_refused_form_leads_to(page, "id_summary")
    page.keyboard.type("Información sobre la ruta del caso en la frontera sur.")
    _press_and_load(page, "main form button[type=submit]", "Enviar")
    # (The browser keeps the #id_summary of the field link through the redirect.)
    expect(page).to_have_url(re.compile(r"/cooperation/requests/\d+/(#.*)?$"))
    found = re.search(r"/cooperation/requests/(\d+)/", page.url)
    assert found is not None
    sent = CooperationRequest.objects.get(pk=int(found[1]))
    assert sent.summary == "Información sobre la ruta del caso en la frontera sur."
    assert [p.country for p in sent.parties.filter(role="requested")] == [mexico]
    request_url = f"{live_server.url}/cooperation/requests/{sent.pk}/"

    other = browser.new_context(locale="es-ES")
    other.set_default_timeout(TIMEOUT_MS)
    mexico_page = other.new_page()
    sign_in(mexico_page, live_server, "mexico")
    mexico_page.goto(f"{live_server.url}/cooperation/")
    _press_and_load(mexico_page, f'a[href="/cooperation/requests/{sent.pk}/"]')
    _press_and_load(mexico_page, "button[name=action][value=acknowledge]")
    expect(mexico_page.locator("main")).to_contain_text("Recibo confirmado")
    other.close()
    sent.refresh_from_db()
    assert sent.state == "acknowledged"

    page.goto(request_url)
    expect(page.locator("main")).to_contain_text("Recibo confirmado")


def test_the_observer_submits_a_contribution_by_keyboard(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    today = datetime.date.today()
    coming = Meeting.objects.filter(start_date__gt=today).order_by("start_date").first()
    assert coming is not None
    assert 15 < (coming.start_date - today).days < 35
    log_in("observer")
    page.goto(f"{live_server.url}/")
    _press_and_load(page, f'a[href="/contributions/new/?meeting={coming.pk}"]')
    expect(page.locator("#id_meeting")).to_have_value(str(coming.pk))

    _press_and_load(page, "main form .actions button[type=submit]")  # nothing written
    _assert_refused_form_leads_to(page, "id_title")
    page.keyboard.type("Protección de víctimas en tránsito")
    _tab_to(page, "#id_summary")
    page.keyboard.type("Propuestas de la sociedad civil para la atención de víctimas en tránsito.")
    _tab_to(page, "#id_kind", back=True)  # the kind, before the title, has no default
    page.keyboard.press("ArrowDown")  # the first kind
    assert page.locator("#id_kind").input_value()
    _press_and_load(page, "main form .actions button[type=submit]")

    expect(page).to_have_url(re.compile(r"/contributions/\d+/(#.*)?$"))
    contribution = Contribution.objects.get(title="Protección de víctimas en tránsito")
    assert contribution.meeting == coming
    assert contribution.submitted_by == User.objects.get(username="observer")
    expect(page.locator("main")).to_contain_text("Presentad")
