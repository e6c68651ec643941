"""The directory filters as one types, in the browser: htmx (its attributes written data-hx-*,
as the HTML standard allows) asks for the results only and puts the filter in the address."""

import re
from typing import Any

from playwright.sync_api import expect


def test_typing_in_the_directory_filters_it_in_place(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/directory/")
    people = page.locator("#directory-results tbody a[href*='/directory/people/']")
    expect(people.first).to_be_visible()
    with page.expect_request(lambda r: r.headers.get("hx-request") == "true") as asked:
        page.fill("#f-q", "zzzz-nobody")
    assert "q=zzzz-nobody" in asked.value.url
    expect(page).to_have_url(re.compile(r"/directory/\?q=zzzz-nobody"))
    expect(people).to_have_count(0)
