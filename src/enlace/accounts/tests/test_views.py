"""Logging in and out, passwords, and the account page with its API tokens."""

import re

import pytest
from django.contrib.auth import SESSION_KEY

from enlace.accounts.models import ApiToken, User, hash_token
from enlace.accounts.services import api_token_create
from enlace.audit.models import AuditEvent

EN = {"accept-language": "en"}
NEW_PASSWORD = "Trata-y-trafico-2008"


def logged_in_as(client) -> str | None:
    return client.session.get(SESSION_KEY)


# --- log in, log out -------------------------------------------------------------------------


def test_login_page_opens(client, db):
    response = client.get("/accounts/login/", headers=EN)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


def test_login_with_the_right_password(client, officer):
    response = client.post(
        "/accounts/login/", {"username": "hnd_officer", "password": "pw-hnd_officer"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(client) == str(officer.pk)


def test_login_goes_back_to_the_page_asked_for(client, officer):
    response = client.post(
        "/accounts/login/",
        {"username": "hnd_officer", "password": "pw-hnd_officer", "next": "/directory/"},
    )
    assert response["Location"] == "/directory/"


def test_login_does_not_go_to_another_site(client, officer):
    response = client.post(
        "/accounts/login/",
        {"username": "hnd_officer", "password": "pw-hnd_officer", "next": "https://evil.test/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_login_with_a_wrong_password(client, officer):
    response = client.post(
        "/accounts/login/", {"username": "hnd_officer", "password": "wrong"}, headers=EN
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert logged_in_as(client) is None


def test_inactive_account_cannot_log_in(client, officer):
    User.objects.filter(pk=officer.pk).update(is_active=False)
    client.post("/accounts/login/", {"username": "hnd_officer", "password": "pw-hnd_officer"})
    assert logged_in_as(client) is None


def test_logout_is_a_post(officer_client, officer):
    assert officer_client.get("/accounts/logout/").status_code == 405
    assert logged_in_as(officer_client) == str(officer.pk)
    response = officer_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(officer_client) is None
    assert officer_client.get("/accounts/").status_code == 302


def test_pages_offer_a_logout_form(officer_client):
    page = officer_client.get("/directory/").content.decode()
    assert re.search(r'<form action="/accounts/logout/" method="post"', page)


# --- passwords -------------------------------------------------------------------------------


def test_password_change(officer_client, officer, client):
    response = officer_client.post(
        "/accounts/password/change/",
        {
            "old_password": "pw-hnd_officer",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/change/done/"
    # Still logged in on this browser; the new password works and the old one no longer does.
    assert officer_client.get("/accounts/password/change/done/").status_code == 200
    assert client.login(username="hnd_officer", password=NEW_PASSWORD)
    assert not client.login(username="hnd_officer", password="pw-hnd_officer")


def _api_status(client, raw: str) -> int:
    return client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_password_change_revokes_the_api_tokens(officer_client, officer, client):
    _token, raw = api_token_create(user=officer, name="laptop script")
    assert _api_status(client, raw) == 200
    officer_client.post(
        "/accounts/password/change/",
        {
            "old_password": "pw-hnd_officer",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    # A token taken with the old password no longer opens the API.
    assert _api_status(client, raw) == 401
    assert not ApiToken.objects.filter(user=officer, revoked_at__isnull=True).exists()
    assert AuditEvent.objects.filter(action="apitoken.revoke_all").count() == 1


def test_a_refused_password_change_keeps_the_tokens(officer_client, officer, client):
    _token, raw = api_token_create(user=officer, name="laptop script")
    officer_client.post(
        "/accounts/password/change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert _api_status(client, raw) == 200


def test_password_change_needs_the_old_password(officer_client, officer):
    response = officer_client.post(
        "/accounts/password/change/",
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    officer.refresh_from_db()
    assert officer.check_password("pw-hnd_officer")


def test_password_change_refuses_a_weak_password(officer_client, officer):
    response = officer_client.post(
        "/accounts/password/change/",
        {"old_password": "pw-hnd_officer", "new_password1": "12345", "new_password2": "12345"},
    )
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
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


def test_password_reset_by_email(client, with_email, mailoutbox):
    _token, raw = api_token_create(user=User.objects.get(username="hnd_officer"), name="script")
    response = client.post("/accounts/password/reset/", {"email": "hnd.officer@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["hnd.officer@example.org"]
    link = re.search(r"https?://testserver(/accounts/password/reset/\S+/)", mail.body)
    assert link, mail.body

    # The link leads to the form for a new password.
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    assert response.context["validlink"] is True
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/complete/"
    assert client.login(username="hnd_officer", password=NEW_PASSWORD)
    assert not client.login(username="hnd_officer", password="pw-hnd_officer")
    # A reset, too, revokes the tokens taken before it.
    assert not ApiToken.objects.filter(user__username="hnd_officer", revoked_at__isnull=True)
    assert _api_status(client, raw) == 401

    # The link works once.
    client.logout()
    response = client.get(link.group(1), follow=True)
    assert response.context["validlink"] is False


def test_password_reset_for_an_unknown_address_sends_nothing(client, with_email, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    # The same answer as for a known address: nobody learns who has an account.
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mailoutbox == []


def test_password_reset_with_a_forged_link(client, with_email):
    response = client.get("/accounts/password/reset/MQ/forged-token/", headers=EN)
    assert response.status_code == 200
    assert response.context["validlink"] is False
    assert "no longer valid" in response.content.decode()


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
    assert officer_client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405
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
