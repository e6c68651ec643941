"""The demo's Honduran officer signs in and lands on a home that starts with its country's
overdue request, reached by keyboard; the page passes axe and fits a 390 px phone."""

import datetime
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from enlace.cooperation.models import OPEN_STATES, CooperationRequest, RequestParty
from enlace.core.tests.test_accessibility import assert_no_serious_axe_findings


def _oldest_overdue_request_to_honduras() -> str:
    request = (
        CooperationRequest.objects.filter(
            state__in=OPEN_STATES,
            due_on__lt=datetime.date.today(),
            parties__country__code="HND",
            parties__role=RequestParty.Role.REQUESTED,
        )
        .order_by("due_on", "pk")
        .first()
    )
    assert request is not None, "the demo gives Honduras an overdue request"
    return f"/cooperation/requests/{request.pk}/"


def test_honduras_sees_its_overdue_request_first(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    overdue = _oldest_overdue_request_to_honduras()
    log_in("honduras")
    page.goto(f"{live_server.url}/")
    first = page.locator("ol.tasks > li").first
    expect(first).to_contain_text("Vencido")
    expect(first.locator("a")).to_have_attribute("href", overdue)
    # By keyboard: from the top of the page, Tab reaches the first item's link; Enter opens it.
    page.locator("body").focus()
    for _press in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('ol.tasks') !== null"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == overdue
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{overdue}")
    # The inbox says which requests wait on Honduras, in words.
    page.goto(f"{live_server.url}/cooperation/")
    expect(page.locator("table.requests")).to_contain_text("Pendiente de su país")
    # The home and the inbox pass axe and fit a phone.
    assert_no_serious_axe_findings(page, [f"{live_server.url}/", f"{live_server.url}/cooperation/"])
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/cooperation/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
