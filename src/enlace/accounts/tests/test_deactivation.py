"""The secretariat deactivates an account: its sessions and tokens end at once."""

from django.contrib.auth import SESSION_KEY
from django.test import Client

from enlace.accounts.models import User
from enlace.accounts.services import api_token_create
from enlace.accounts.tests.test_second_factor import sign_in
from enlace.audit.models import AuditEvent

EN = {"accept-language": "en"}


def _url(user: User) -> str:
    return f"/manage/people/{user.person.pk}/account/"


def test_deactivating_ends_sessions_and_tokens_at_once(secretariat_client, officer):
    browser = Client()
    sign_in(browser, "hnd_officer")
    assert browser.get("/accounts/").status_code == 200
    forced = Client()
    forced.force_login(officer)
    _token, raw = api_token_create(user=officer, name="script")

    page = secretariat_client.get(_url(officer), headers=EN)
    assert page.status_code == 200
    assert "signs it out everywhere" in page.content.decode()
    assert User.objects.get(pk=officer.pk).is_active  # asking changes nothing

    response = secretariat_client.post(_url(officer), {"action": "deactivate"})
    assert response.status_code == 302
    assert not User.objects.get(pk=officer.pk).is_active
    for client in (browser, forced):
        assert SESSION_KEY not in client.session
        assert client.get("/accounts/").status_code == 302
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    again = Client()
    again.post("/accounts/login/", {"login": "hnd_officer", "password": "pw-hnd_officer"})
    assert SESSION_KEY not in again.session
    event = AuditEvent.objects.get(action="user.deactivate")
    assert event.object_id == str(officer.pk)
    assert event.after["sessions_ended"] >= 2

    secretariat_client.post(_url(officer), {"action": "reactivate"})
    assert User.objects.get(pk=officer.pk).is_active
    assert AuditEvent.objects.filter(action="user.reactivate").exists()


def test_an_officer_cannot_deactivate_another_account(officer_client, other_officer):
    assert officer_client.get(_url(other_officer)).status_code == 403
    assert officer_client.post(_url(other_officer), {"action": "deactivate"}).status_code == 403
    assert User.objects.get(pk=other_officer.pk).is_active
    assert not AuditEvent.objects.filter(action="user.deactivate").exists()


def test_the_secretariat_cannot_deactivate_its_own_account(secretariat_client, secretariat):
    response = secretariat_client.post(_url(secretariat), {"action": "deactivate"}, headers=EN)
    assert response.status_code == 200
    assert "your own account" in response.content.decode()
    assert User.objects.get(pk=secretariat.pk).is_active


def test_the_people_list_offers_deactivation(secretariat_client, officer):
    page = secretariat_client.get("/manage/", headers=EN).content.decode()
    assert _url(officer) in page
