"""End to end in a real browser: what a liaison officer does and sees, by mouse and by keyboard."""

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect


def test_officer_reads_the_tela_report_and_switches_to_english(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("honduras")

    page.locator('header nav a[href="/meetings/"]').click()
    expect(page).to_have_url(f"{live_server.url}/meetings/")
    tela_row = page.locator("main table tbody tr", has_text="Tela")
    expect(tela_row).to_have_count(1)
    tela_row.locator('a[href^="/meetings/"]').click()

    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    expect(page.locator("main dl.facts")).to_contain_text("Tela")
    page.locator('main section[aria-labelledby="report-h"] a[href^="/reports/"]').click()

    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    report_url = page.url
    article = page.locator("main article.report")
    expect(article.locator("h1")).to_contain_text("INFORME DE LA REUNIÓN DE LA RED")
    expect(article.locator(".place")).to_have_text("Tela, Honduras")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "es")

    page.locator('header form.lang button[name="language"][value="en"]').click()

    expect(html).to_have_attribute("lang", "en")
    assert page.url == report_url, "switching the language keeps the reader on the report"
    expect(page.locator('header nav a[href="/meetings/"]')).to_have_text("Meetings")
    expect(page.locator('header form.lang button[value="en"]')).to_have_attribute(
        "aria-current", "true"
    )
    # The report stays in the language it was written in, and still reads as the original.
    expect(article).to_have_attribute("lang", "es")
    point_4 = article.locator("ol.points > li").filter(
        has=page.locator(".label", has_text=re.compile(r"^4\.$"))
    )
    expect(point_4).to_have_count(1)
    text = point_4.locator(".text").inner_text()
    assert "Plan de Trabajo-Archivo" in text
    assert text.startswith("La Red de Funcionarios de Enlace hizo una amplia revisión")


def _focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                href: el.getAttribute("href") || "",
                id: el.id || "",
                cls: el.className || "",
                inNav: String(!!el.closest("header nav")),
                inMain: String(!!el.closest("main")),
                left: String(el.getBoundingClientRect().left),
            };
        }"""
    )


def test_keyboard_reaches_the_skip_link_then_the_main_navigation(
    page: Any, live_server: Any
) -> None:
    page.goto(f"{live_server.url}/")

    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["cls"] == "skip", f"the first Tab stop is the skip link, not {first}"
    assert first["href"] == "#main"
    assert float(first["left"]) >= 0, "the focused skip link is on the screen"

    reached: list[str] = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused["inNav"] == "true":
            reached.append(focused["href"])
    assert reached[:3] == ["/network/", "/directory/", "/meetings/"], reached

    # The skip link takes the keyboard straight to the content.
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    after_skip = _focused(page)
    assert after_skip["inMain"] == "true", f"after skipping, Tab stays in the content: {after_skip}"
