"""The layout of the main pages, as each demo role sees them, on a phone (390 px) and on a
desktop (1280 px): nothing scrolls sideways, axe finds nothing serious or critical with the
WCAG 2.2 AA rules on, no page weighs over 150 KB with its CSS and scripts, and the focus
indicator stands out from what is behind it.

One signed-in tab per role visits all its pages at both widths, so the file runs in a few
minutes.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from enlace.cooperation.selectors import requests_visible_to
from enlace.core.tests.browser import FOCUS_COLOURS, contrast
from enlace.countryreports.selectors import reports_visible_to as country_reports_visible_to
from enlace.meetings.models import Meeting
from enlace.reports.models import ReportPoint

BLOCKING = {"serious", "critical"}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = (390, 1280)
AXE = Axe()
MAX_WEIGHT = 150_000
# What the page and everything it loaded weigh as sent (compressed where the server compresses).
WEIGHT = """() => [...performance.getEntriesByType('navigation'),
  ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + e.encodedBodySize, 0)"""


def _problems(page: Any, url: str) -> list[str]:
    """What is wrong with the page at url at each width: sideways scroll, axe findings."""
    found: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        response = page.goto(url)
        assert response is not None
        assert response.ok, f"{url} answered {response.status}"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            found.append(f"{url} at {width} px is {scroll_width} px wide")
        weight = page.evaluate(WEIGHT)
        if weight > MAX_WEIGHT:
            found.append(f"{url} weighs {weight} bytes with its CSS and scripts")
        results = AXE.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_22_AA},
                "resultTypes": ["violations"],
            },
        )
        for violation in results.response["violations"]:
            if violation["impact"] not in BLOCKING:
                continue
            for node in violation["nodes"]:
                found.append(
                    f"{url} at {width} px: {violation['id']} ({violation['impact']}) "
                    f"{', '.join(map(str, node['target']))}: {node['html'][:160]}"
                )
    return found


def _main_pages(base: str, username: str | None) -> list[str]:
    """The main pages of a role: home, meetings, a meeting, a report, work plan and its
    dashboard, contributions, statistics, directory; and what the role may open beyond."""
    meeting = Meeting.objects.get(city="Tela")
    report = meeting.reports.get(language="es")
    pages = [
        "/",
        "/meetings/",
        f"/meetings/{meeting.pk}/",
        f"/reports/{report.pk}/",
        "/workplan/",
        "/contributions/",
        "/statistics/",
        "/directory/",
    ]
    if username is None:
        return [base + page for page in pages]
    user = get_user_model().objects.get(username=username)
    pages += ["/workplan/dashboard/", "/country-reports/"]
    if username != "observer":
        request = requests_visible_to(user).first()
        assert request is not None, f"the demo has no cooperation request {username} sees"
        pages += ["/cooperation/", f"/cooperation/requests/{request.pk}/"]
    country_report = country_reports_visible_to(user).first()
    if country_report is not None:
        pages.append(f"/country-reports/{country_report.pk}/")
    return [base + page for page in pages]


def test_public_pages_fit_a_phone_and_pass_axe(page: Any, live_server: Any) -> None:
    found = [p for url in _main_pages(live_server.url, None) for p in _problems(page, url)]
    assert not found, "\n".join(found)


def test_officer_pages_fit_a_phone_and_pass_axe(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("honduras")
    urls = _main_pages(live_server.url, "honduras")
    found = [p for url in urls for p in _problems(page, url)]
    assert not found, "\n".join(found)


def test_secretariat_pages_fit_a_phone_and_pass_axe(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("secretariat")
    urls = _main_pages(live_server.url, "secretariat")
    found = [p for url in urls for p in _problems(page, url)]
    assert not found, "\n".join(found)


def test_observer_pages_fit_a_phone_and_pass_axe(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("observer")
    urls = _main_pages(live_server.url, "observer")
    found = [p for url in urls for p in _problems(page, url)]
    assert not found, "\n".join(found)


def test_a_point_of_one_unbroken_word_wraps(page: Any, live_server: Any) -> None:
    """200,000 characters without a space: the report stays as wide as the screen."""
    report = Meeting.objects.get(city="Tela").reports.get(language="es")
    first = ReportPoint.objects.filter(report=report).order_by("position").first()
    assert first is not None
    ReportPoint.objects.filter(pk=first.pk).update(text="a" * 200_000)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{live_server.url}/reports/{report.pk}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_phone_header_is_short_and_its_menu_opens_without_script(
    browser: Any, transactional_db: None, live_server: Any, demo: None
) -> None:
    context = browser.new_context(
        locale="es-ES", java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    tab = context.new_page()
    tab.goto(f"{live_server.url}/")
    header = tab.locator("header.site")
    assert header.bounding_box()["height"] < 100
    nav_link = tab.locator("header nav a", has_text="Reuniones")
    assert not nav_link.is_visible()
    tab.locator("header summary").click()
    assert nav_link.is_visible()
    assert tab.locator("#site-q").is_visible()
    assert tab.locator("header .lang button", has_text="English").is_visible()
    nav_link.click()
    assert tab.url.endswith("/meetings/")
    context.close()


def test_a_refused_form_puts_its_error_summary_first_and_focuses_it(
    page: Any, live_server: Any
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    summary = page.locator("main form .error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    link = summary.locator('a[href="#id_login"]')
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_login"


def test_the_focus_indicator_contrasts_with_every_background(page: Any, live_server: Any) -> None:
    """A link and a button on the white page and on the blue header, at both widths."""
    targets = {
        "a link on the page": "main a",
        "a button on the page": "main button",
        "a link in the header": "header.site .brand",
        "a button in the header": "header.site .lang button",
        "the menu button in the header": "header.site summary",
    }
    weak: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{live_server.url}/meetings/")
        page.keyboard.press("Tab")  # the keyboard is in use: focus is shown as it moves
        for name, selector in targets.items():
            element = page.locator(selector).first
            if not element.is_visible():
                continue
            seen = element.evaluate(FOCUS_COLOURS)
            assert seen["focused"], f"{name} at {width} px takes no focus"
            assert seen["visible"], f"{name} at {width} px shows no focus"
            best = max((contrast(c, seen["behind"]) for c in seen["shown"]), default=0.0)
            if best < 3:
                weak.append(f"{name} at {width} px: {seen['shown']} on {seen['behind']}")
    assert not weak, "focus indicators under 3:1:\n" + "\n".join(weak)


def test_the_design_page_fits_and_passes_axe(
    page: Any, live_server: Any, log_in: Callable[[str], None], tmp_path: Path
) -> None:
    log_in("honduras")
    url = f"{live_server.url}/design/"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(url)
        page.screenshot(path=tmp_path / f"design-{width}.png", full_page=True)
    assert (tmp_path / "design-390.png").stat().st_size > 0
    found = _problems(page, url)
    assert not found, "\n".join(found)
    for language in ("es", "en", "fr"):
        assert page.locator(f"section#lang-{language}[lang={language}] .error-summary").count() == 1
