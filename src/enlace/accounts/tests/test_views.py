"""Signing in and out, passwords, and the account page with its API tokens."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from enlace.accounts.models import ApiToken, User, hash_token
from enlace.accounts.second_factor import current_totp_code
from enlace.accounts.services import api_token_create
from enlace.audit.models import AuditEvent

EN = {"accept-language": "en"}
NEW_PASSWORD = "Trata-y-trafico-2008"


def logged_in_as(client) -> str | None:
    return client.session.get(SESSION_KEY)


def sign_in(client, username: str, password: str, *, next_url: str = "", **headers):
    """Password, then (for an enrolled account) the authenticator app's code, as a person would."""
    data = {"login": username, "password": password}
    if next_url:
        data["next"] = next_url
    response = client.post("/accounts/login/", data, headers=headers)
    if response.status_code == 302 and response["Location"].startswith(
        "/accounts/2fa/authenticate/"
    ):
        user = User.objects.get(username=username)
        for step in (0, 1):  # a code is taken once; the next one is accepted too
            response = client.post(
                "/accounts/2fa/authenticate/",
                {"code": current_totp_code(user, step=step)},
                headers=headers,
            )
            if response.status_code == 302:
                break
    return response


# --- sign in, sign out -----------------------------------------------------------------------


def test_login_page_opens(client, db):
    response = client.get("/accounts/login/", headers=EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="password"' in page
    # Accounts are opened by the secretariat: no invitation to sign up.
    assert "/accounts/signup/" not in page
    assert "Secretariat opens the accounts" in page


def test_nobody_can_sign_up(client, db):
    client.post(
        "/accounts/signup/",
        {"username": "intruder", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert not User.objects.filter(username="intruder").exists()


def test_the_password_alone_does_not_sign_an_officer_in(client, officer):
    response = client.post(
        "/accounts/login/", {"login": "hnd_officer", "password": "pw-hnd_officer"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert logged_in_as(client) is None
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"}, headers=EN)
    assert response.status_code == 200
    assert logged_in_as(client) is None


def test_login_with_the_password_and_the_code(client, officer):
    response = sign_in(client, "hnd_officer", "pw-hnd_officer")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(client) == str(officer.pk)


def test_a_code_works_once(client, officer):
    code = current_totp_code(officer)
    client.post("/accounts/login/", {"login": "hnd_officer", "password": "pw-hnd_officer"})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    assert logged_in_as(client) == str(officer.pk)
    thief = Client()
    thief.post("/accounts/login/", {"login": "hnd_officer", "password": "pw-hnd_officer"})
    thief.post("/accounts/2fa/authenticate/", {"code": code})
    assert logged_in_as(thief) is None


def test_login_goes_back_to_the_page_asked_for(client, officer):
    response = sign_in(client, "hnd_officer", "pw-hnd_officer", next_url="/directory/")
    assert response["Location"] == "/directory/"


def test_login_does_not_go_to_another_site(client, officer):
    response = sign_in(client, "hnd_officer", "pw-hnd_officer", next_url="https://evil.test/")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_login_with_a_wrong_password(client, officer):
    response = client.post(
        "/accounts/login/", {"login": "hnd_officer", "password": "wrong"}, headers=EN
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert logged_in_as(client) is None
    event = AuditEvent.objects.get(action="user.login_failed")
    assert event.object_id == str(officer.pk)
    assert "wrong" not in str(event.after)


def test_a_failure_for_an_unknown_account_is_recorded_without_what_was_typed(client, db):
    client.post("/accounts/login/", {"login": "maria.lopez", "password": "guess"})
    event = AuditEvent.objects.get(action="user.login_failed")
    assert event.object_id == ""
    assert "maria" not in str(event.after) + event.object_label


def test_ten_failures_lock_the_account_even_against_the_right_password(
    client, officer, other_officer
):
    for _attempt in range(10):
        client.post("/accounts/login/", {"login": "hnd_officer", "password": "wrong"})
    assert AuditEvent.objects.filter(action="user.login_failed").count() == 10
    response = client.post(
        "/accounts/login/", {"login": "hnd_officer", "password": "pw-hnd_officer"}, headers=EN
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert logged_in_as(client) is None
    assert AuditEvent.objects.filter(action="user.login_locked", object_id=str(officer.pk)).exists()
    # From another address too: the lock is on the account.
    elsewhere = Client(REMOTE_ADDR="10.9.8.7")
    elsewhere.post("/accounts/login/", {"login": "hnd_officer", "password": "pw-hnd_officer"})
    assert logged_in_as(elsewhere) is None
    # Another account from the same address still signs in.
    sign_in(client, "mex_officer", "pw-mex_officer")
    assert logged_in_as(client) == str(other_officer.pk)


def test_the_lock_ends_after_fifteen_minutes(client, officer):
    import time as time_module
    from unittest import mock

    for _attempt in range(10):
        client.post("/accounts/login/", {"login": "hnd_officer", "password": "wrong"})
    later = time_module.time() + 15 * 60 + 1
    with mock.patch("allauth.core.internal.ratelimit.time.time", return_value=later):
        response = client.post(
            "/accounts/login/", {"login": "hnd_officer", "password": "pw-hnd_officer"}
        )
    # The password is taken again: on to the second factor.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert not AuditEvent.objects.filter(action="user.login_locked").exists()


def test_inactive_account_cannot_log_in(client, officer):
    User.objects.filter(pk=officer.pk).update(is_active=False)
    sign_in(client, "hnd_officer", "pw-hnd_officer")
    assert logged_in_as(client) is None


def test_logout_is_a_post(officer_client, officer):
    # A link (GET) only asks; a crafted image cannot sign anyone out.
    assert officer_client.get("/accounts/logout/").status_code == 200
    assert logged_in_as(officer_client) == str(officer.pk)
    response = officer_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(officer_client) is None
    assert officer_client.get("/accounts/").status_code == 302


def test_pages_offer_a_logout_form(officer_client):
    page = officer_client.get("/directory/").content.decode()
    assert re.search(r'<form action="/accounts/logout/" method="post"', page)


def test_the_system_administrator_signs_in_through_the_platform(client, db):
    response = client.get("/system-admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- passwords -------------------------------------------------------------------------------


def _change(client, old: str, new: str, confirm: str | None = None):
    return client.post(
        "/accounts/password/change/",
        {"oldpassword": old, "password1": new, "password2": confirm or new},
        headers=EN,
    )


def test_password_change(officer_client, officer, client):
    response = _change(officer_client, "pw-hnd_officer", NEW_PASSWORD)
    assert response.status_code == 302
    # Still signed in on this browser; the new password works and the old one no longer does.
    assert logged_in_as(officer_client) == str(officer.pk)
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="user.password_change", object_id=str(officer.pk))


def _api_status(client, raw: str) -> int:
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_password_change_revokes_the_api_tokens(officer_client, officer, client):
    _token, raw = api_token_create(user=officer, name="laptop script")
    assert _api_status(client, raw) == 200
    _change(officer_client, "pw-hnd_officer", NEW_PASSWORD)
    # A token taken with the old password no longer opens the API.
    assert _api_status(client, raw) == 401
    assert not ApiToken.objects.filter(user=officer, revoked_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="apitoken.revoke_all").count() == 1


def test_a_refused_password_change_keeps_the_tokens(officer_client, officer, client):
    _token, raw = api_token_create(user=officer, name="laptop script")
    _change(officer_client, "wrong", NEW_PASSWORD)
    assert _api_status(client, raw) == 200


def test_password_change_needs_the_old_password(officer_client, officer):
    response = _change(officer_client, "wrong", NEW_PASSWORD)
    assert response.status_code == 200
    assert "oldpassword" in response.context["form"].errors
    officer.refresh_from_db()
    assert officer.check_password("pw-hnd_officer")


def test_password_change_refuses_a_weak_password(officer_client, officer):
    response = _change(officer_client, "pw-hnd_officer", "12345")
    assert response.status_code == 200
    assert response.context["form"].errors
    officer.refresh_from_db()
    assert officer.check_password("pw-hnd_officer")


def test_password_change_needs_a_login(client, db):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.fixture
def with_email(officer):
    officer.email = "hnd.officer@example.org"
    officer.save()
    return officer


def test_password_reset_by_email(
    client, with_email, mailoutbox, django_capture_on_commit_callbacks
):
    _token, raw = api_token_create(user=User.objects.get(username="hnd_officer"), name="script")
    with django_capture_on_commit_callbacks(execute=True):  # the mail is queued, then sent
        response = client.post("/accounts/password/reset/", {"email": "hnd.officer@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["hnd.officer@example.org"]
    link = re.search(r"https?://testserver(/accounts/password/reset/key/\S+/)", mail.body)
    assert link, mail.body

    # The link leads to the form for a new password.
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    assert response.context["form"] is not None
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/key/done/"
    user = User.objects.get(username="hnd_officer")
    assert user.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="user.password_reset", object_id=str(user.pk))
    # A reset, too, revokes the tokens taken before it.
    assert not ApiToken.objects.filter(user__username="hnd_officer", revoked_at__isnull=True)
    assert _api_status(client, raw) == 401

    # The link works once.
    response = client.get(link.group(1), follow=True)
    assert response.context.get("token_fail") is True


def test_password_reset_for_an_unknown_address_sends_nothing(
    client, with_email, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    # The same answer as for a known address: nobody learns who has an account.
    assert response["Location"] == "/accounts/password/reset/done/"
    assert mailoutbox == []


def test_password_reset_mails_are_limited(
    client, with_email, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(17):
            client.post("/accounts/password/reset/", {"email": "hnd.officer@example.org"})
    assert len(mailoutbox) == 3


def test_a_reset_mail_goes_through_the_queue_and_keeps_no_link(
    client, with_email, mailoutbox, django_capture_on_commit_callbacks
):
    from enlace.core.models import OutgoingMail

    client.post("/accounts/password/reset/", {"email": "hnd.officer@example.org"})
    # Not sent inside the request: queued, waiting for the transaction and the worker.
    assert mailoutbox == []
    queued = OutgoingMail.objects.get()
    assert queued.to == ["hnd.officer@example.org"]
    from enlace.core.mail import deliver

    assert deliver(queued.pk) == "sent"
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert queued.body == ""  # the sign-in link is not kept once sent


def test_password_reset_with_a_forged_link(client, with_email):
    response = client.get("/accounts/password/reset/key/1-forged-token/", headers=EN)
    assert response.status_code == 200
    assert response.context["token_fail"] is True


# --- the account page ------------------------------------------------------------------------


def test_profile_needs_a_login(client, db):
    response = client.get("/accounts/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/"


def test_profile_shows_the_user_and_their_roles(officer_client, ppt_honduras):
    page = officer_client.get("/accounts/", headers=EN).content.decode()
    assert "hnd_officer" in page
    assert "Pro Tempore Presidency" in page
    assert "Liaison officer — Honduras" in page


def test_profile_of_an_account_without_a_role(outsider_client):
    response = outsider_client.get("/accounts/", headers=EN)
    assert response.status_code == 200
    assert "No role in the network" in response.content.decode()


# --- API tokens ------------------------------------------------------------------------------


def create_token(client, name="reporting script") -> str:
    response = client.post("/accounts/", {"name": name}, headers=EN)
    assert response.status_code == 200
    match = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode())
    assert match, "the new token is not shown"
    return match.group(1)


def test_token_is_shown_once_and_only_its_hash_is_stored(officer_client, officer):
    raw = create_token(officer_client)
    assert raw.startswith("enl_")
    token = ApiToken.objects.get(user=officer)
    assert token.name == "reporting script"
    assert token.key_hash == hash_token(raw)
    assert raw.startswith(token.prefix)
    assert raw not in {token.key_hash, token.prefix, token.name}
    page = officer_client.get("/accounts/").content.decode()
    assert raw not in page
    assert token.prefix in page
    event = AuditEvent.objects.get(action="apitoken.create")
    assert raw not in str(event.after)
    assert token.key_hash not in str(event.after)


def test_token_needs_a_name(officer_client, officer):
    response = officer_client.post("/accounts/", {"name": ""})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_token_authenticates_the_api(client, officer_client, officer):
    raw = create_token(officer_client)
    response = client.get("/api/v1/me", headers={"authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json() == {
        "authenticated": True,
        "username": "hnd_officer",
        "roles": ["officer"],
        "countries": ["HND"],
    }
    assert ApiToken.objects.get(user=officer).last_used_at is not None


def test_revoke_a_token(client, officer_client, officer):
    raw = create_token(officer_client)
    token = ApiToken.objects.get(user=officer)
    ask = officer_client.get(f"/accounts/tokens/{token.pk}/revoke/", HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert token.prefix in ask.content.decode()
    assert "This cannot be undone" in ask.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    response = officer_client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="apitoken.revoke", object_id=str(token.pk)).exists()

    response = client.get("/api/v1/me", headers={"authorization": f"Bearer {raw}"})
    assert response.status_code == 401
    assert "detail" in response.json()


def test_another_users_token_cannot_be_revoked(other_client, officer_client, officer):
    create_token(officer_client)
    token = ApiToken.objects.get(user=officer)
    assert other_client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert other_client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token.prefix not in other_client.get("/accounts/").content.decode()


def test_anonymous_cannot_revoke(client, officer_client, officer):
    create_token(officer_client)
    token = ApiToken.objects.get(user=officer)
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_made_up_token_is_rejected(client, db):
    response = client.get("/api/v1/me", headers={"authorization": "Bearer enl_made-up"})
    assert response.status_code == 401


def test_token_of_a_deactivated_account_is_rejected(client, officer_client, officer):
    raw = create_token(officer_client)
    User.objects.filter(pk=officer.pk).update(is_active=False)
    response = client.get("/api/v1/me", headers={"authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_token_is_for_the_api_only(client, officer_client, officer):
    raw = create_token(officer_client)
    response = client.get("/accounts/", headers={"authorization": f"Bearer {raw}"})
    assert response.status_code == 302  # a token does not log a browser in


def test_api_without_a_token_answers_as_to_the_public(client, db):
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["authenticated"] is False
    assert response.json()["roles"] == ["public"]
