"""axe-core on the platform's main pages, as the public and as the Technical Secretariat.

No violation of impact "serious" or "critical" is accepted (WCAG 2.1 AA: contrast, names of
controls and links, landmarks, language of the page, …).
"""

from collections.abc import Callable
from typing import Any

from axe_playwright_python.sync_playwright import Axe

from enlace.meetings.models import Meeting
from enlace.reports.models import Report

BLOCKING = {"serious", "critical"}


def _violations(page: Any, url: str) -> list[str]:
    """The blocking violations on the page at url, one readable line per element, and every
    script, style or image the page's Content-Security-Policy refused (the page is broken)."""
    refused: list[str] = []

    def _on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", _on_console)
    response = page.goto(url)
    assert response is not None
    assert response.ok, f"{url} answered {response.status}"
    page.wait_for_load_state("load")
    page.remove_listener("console", _on_console)
    found = [f"{url}: refused by the Content-Security-Policy — {text[:300]}" for text in refused]
    results = Axe().run(page)
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            detail = node.get("failureSummary", "").replace("\n", " ")
            found.append(
                f"{url}: {violation['id']} ({violation['impact']}) {violation['help']} — "
                f"{', '.join(map(str, node['target']))}: {node['html'][:200]} — {detail}"
            )
    return found


def assert_no_serious_axe_findings(page: Any, urls: list[str]) -> None:
    found = [line for url in urls for line in _violations(page, url)]
    assert not found, "accessibility violations:\n" + "\n".join(found)


def _tela() -> tuple[Meeting, Report]:
    meeting = Meeting.objects.get(city="Tela")
    return meeting, meeting.reports.get(language="es")


def test_public_pages_have_no_serious_violations(page: Any, live_server: Any) -> None:
    meeting, report = _tela()
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/",
            f"{base}/network/",
            f"{base}/network/countries/HND/",
            f"{base}/directory/",
            f"{base}/meetings/",
            f"{base}/meetings/{meeting.pk}/",
            f"{base}/reports/{report.pk}/",
            f"{base}/accounts/login/",
        ],
    )


def test_public_pages_in_english_have_no_serious_violations(page: Any, live_server: Any) -> None:
    _meeting, report = _tela()
    page.context.add_cookies([{"name": "enlace_language", "value": "en", "url": live_server.url}])
    assert_no_serious_axe_findings(
        page, [f"{live_server.url}/", f"{live_server.url}/reports/{report.pk}/"]
    )


def test_officer_pages_have_no_serious_violations(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    meeting, _report = _tela()
    log_in("honduras")
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/directory/",
            f"{base}/meetings/{meeting.pk}/",
            f"{base}/accounts/",
        ],
    )


def test_secretariat_pages_have_no_serious_violations(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    meeting, report = _tela()
    log_in("secretariat")
    base = live_server.url
    assert_no_serious_axe_findings(
        page,
        [
            f"{base}/manage/",
            f"{base}/audit/",
            f"{base}/manage/meetings/{meeting.pk}/",
            f"{base}/manage/reports/{report.pk}/",
            f"{base}/manage/people/new/",
            # The confirmation page every irreversible action shows first.
            f"{base}/reports/{report.pk}/publish/?published=0",
        ],
    )
