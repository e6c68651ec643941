"""A security key, in Debian's chromium with its virtual authenticator: added from the account's
second factors, then used to sign in in place of the authenticator app's code."""

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from playwright.sync_api import expect


def _virtual_key(page: Any) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_a_security_key_is_added_and_signs_in(
    page: Any, live_server: Any, log_in: Callable[[str], None]
) -> None:
    _virtual_key(page)
    log_in("mexico")
    base = live_server.url
    page.goto(f"{base}/accounts/2fa/webauthn/add/")
    if "/accounts/reauthenticate/" in page.url:  # adding a factor asks for the password again
        page.fill("#id_password", "enlace-demo-mex")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/accounts/2fa/webauthn/add/**")
    page.fill("#id_name", "Llave de prueba")
    page.click("#mfa_webauthn_add")
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user__username="mexico", type="webauthn").exists()

    page.locator("header form[action='/accounts/logout/'] button").click()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_login", "mexico")
    page.fill("#id_password", "enlace-demo-mex")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    expect(page.locator("header.site .tools")).to_contain_text("mexico")
