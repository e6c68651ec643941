"""The second factor: who must have one, enrolment at the next sign-in, idle sessions, and the
list of one's sessions."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client

from enlace.accounts.models import User
from enlace.accounts.second_factor import current_totp_code
from enlace.conftest import make_member
from enlace.network.models import Post

EN = {"accept-language": "en"}


def sign_in(client: Client, username: str) -> None:
    client.post("/accounts/login/", {"login": username, "password": "pw-" + username})
    user = User.objects.get(username=username)
    if current_totp_code(user) is None:
        return
    for step in (0, 1):  # a code is taken once; the next one is accepted too
        response = client.post(
            "/accounts/2fa/authenticate/", {"code": current_totp_code(user, step=step)}
        )
        if response.status_code == 302:
            return


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture
def new_officer(net):
    """A Honduras officer whose account has no second factor yet."""
    return make_member(
        net,
        "hnd_new",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        second_factor=False,
    )


def test_an_officer_without_a_second_factor_can_open_nothing_but_its_enrolment(client, new_officer):
    sign_in(client, "hnd_new")
    assert signed_in(client)
    for path in ("/", "/directory/", "/cooperation/", "/accounts/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/"
    api = client.get("/api/v1/me")
    assert api.status_code == 403
    page = client.get("/accounts/2fa/", headers=EN).content.decode()
    assert "needs a second factor" in page


def test_enrolling_an_authenticator_app_opens_the_platform(client, new_officer):
    sign_in(client, "hnd_new")
    # Adding a factor asks for the password again (a session left open cannot add one).
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": "pw-hnd_new"})
    page = client.get("/accounts/2fa/totp/activate/", headers=EN)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(__import__("time").time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=new_officer, type="totp").exists()
    assert client.get("/directory/").status_code == 200
    # From now on the password alone is not enough.
    other = Client()
    other.post("/accounts/login/", {"login": "hnd_new", "password": "pw-hnd_new"})
    assert not signed_in(other)


@pytest.mark.parametrize(
    ("role", "country", "organisation"),
    [
        (Post.Role.SECRETARIAT, None, "secretariat_org"),
        (Post.Role.CASE_SUPERVISOR, "honduras", None),
    ],
)
def test_the_secretariat_and_case_supervisors_must_enrol_too(
    client, net, role, country, organisation
):
    make_member(
        net,
        "needs_2fa",
        role=role,
        country=getattr(net, country) if country else None,
        organisation=getattr(net, organisation) if organisation else None,
        second_factor=False,
    )
    sign_in(client, "needs_2fa")
    assert client.get("/directory/")["Location"] == "/accounts/2fa/"


def test_a_superuser_must_enrol(client, db):
    User.objects.create_superuser("root", "root@example.org", "pw-root")
    sign_in(client, "root")
    assert client.get("/system-admin/")["Location"] == "/accounts/2fa/"


def test_an_observer_and_an_account_without_role_are_not_forced(client, net, outsider):
    make_member(
        net, "obs_new", role=Post.Role.OBSERVER, organisation=net.rrocm, second_factor=False
    )
    sign_in(client, "obs_new")
    assert client.get("/directory/").status_code == 200
    other = Client()
    sign_in(other, "outsider")
    assert other.get("/accounts/").status_code == 200


def test_an_officer_session_ends_after_thirty_idle_minutes(client, officer, observer):
    sign_in(client, "hnd_officer")
    assert client.session.get_expiry_age() == settings.ENLACE_IDLE_SESSION_SECONDS == 1800
    observer_client = Client()
    sign_in(observer_client, "rrocm_rep")
    assert observer_client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_activity_pushes_the_idle_deadline_back(client, officer):
    from unittest import mock

    from django.contrib.sessions.models import Session

    sign_in(client, "hnd_officer")
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    later = __import__("time").time() + 10 * 60
    with mock.patch("enlace.accounts.second_factor.time.time", return_value=later):
        assert client.get("/directory/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date > first


def test_a_person_sees_and_ends_its_other_sessions(officer):
    laptop, phone = Client(), Client()
    sign_in(laptop, "hnd_officer")
    sign_in(phone, "hnd_officer")
    page = laptop.get("/accounts/sessions/", headers=EN).content.decode()
    assert len(re.findall(r"<tr", page)) >= 3  # a header and two sessions
    laptop.post("/accounts/sessions/")
    assert signed_in(laptop)
    assert phone.get("/accounts/").status_code == 302
