"""The secretariat's account, administration, audit log and a country's page fit a 390 px phone:
their wide tables scroll inside their own box, never the page."""

from collections.abc import Callable
from typing import Any


def test_wide_tables_scroll_in_their_box_on_a_phone(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    log_in("secretariat")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/accounts/", "/manage/", "/network/countries/HND/", "/audit/"):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
