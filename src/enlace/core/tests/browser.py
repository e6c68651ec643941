"""Browser fixtures: Debian's chromium, launched once per test session and driven by Playwright.

The tests that use them run against pytest-django's ``live_server`` with the demo loaded.
Never a browser downloaded by ``playwright install``: CI installs Debian's chromium.
"""

import os
import re
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Debian's chromium is not installed, so the browser tests cannot run: "
            "`apt-get install chromium` (.ci/run installs it).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the tests still use the
    # database synchronously from it (fixtures, flushes), which Django otherwise refuses.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Any, transactional_db: None, live_server: Any, demo: None) -> Iterator[Any]:
    """A fresh browser tab (no cookies) of a Spanish-speaking visitor, the demo being served."""
    context = browser.new_context(locale="es-ES")
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: Any, live_server: Any, username: str) -> None:
    """Signs the page in through the sign-in form as one of the demo accounts: the password,
    then the authenticator app's code (read from the account's secret, as its app would)."""
    from playwright.sync_api import expect

    from enlace.accounts.models import User
    from enlace.accounts.second_factor import current_totp_code
    from enlace.demo.data import ACCOUNTS

    passwords = {account.username: account.password for account in ACCOUNTS}
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", passwords[username])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    user = User.objects.get(username=username)
    # A code is taken once; the one before and the one after are accepted too.
    for step in (0, 1, -1):
        page.fill("#id_code", current_totp_code(user, step=step) or "")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if "/accounts/2fa/authenticate/" not in page.url:
            break
    expect(page.locator("header.site .tools")).to_contain_text(username)


@pytest.fixture
def log_in(page: Any, live_server: Any) -> Callable[[str], None]:
    """Signs the page in as one of the demo accounts (``sign_in``)."""
    from django.core.cache import cache

    cache.clear()  # codes taken and failures counted by earlier tests

    def _log_in(username: str) -> None:
        sign_in(page, live_server, username)

    return _log_in


# The colours of the focus indicator: what the focused element shows that it did not show
# before (its fill, outline, shadows), and the colour of what is behind it.
FOCUS_COLOURS = """(el) => {
  const clear = (c) => /^rgba\\(.*,\\s*0\\)$/.test(c);
  const look = () => {
    const s = getComputedStyle(el);
    const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    return {bg: s.backgroundColor, outline: outlined ? s.outlineColor : '', shadow: s.boxShadow};
  };
  el.blur(); const before = look(); el.focus(); const after = look();
  let behind = 'rgb(255, 255, 255)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && !clear(c)) { behind = c; break; }
  }
  const shown = [];
  if (after.bg !== before.bg) shown.push(after.bg);
  if (after.outline && after.outline !== before.outline) shown.push(after.outline);
  if (after.shadow !== before.shadow) {
    shown.push(...(after.shadow.match(/rgba?\\([^)]*\\)/g) || []));
  }
  return {shown: shown.filter((c) => !clear(c)), behind,
          focused: document.activeElement === el, visible: el.matches(':focus-visible')};
}"""


def luminance(colour: str) -> float:
    red, green, blue, *alpha = (float(v) for v in re.findall(r"[\d.]+", colour))
    assert not alpha or alpha[0] == 1, f"a translucent indicator colour: {colour}"

    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
