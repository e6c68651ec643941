"""Logins in the Django admin: making someone staff or superuser, or changing their groups or
password, is a grant, and each one is an audit event that holds no personal data."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.conftest import make_superuser

ADMIN = "/system-admin"


@pytest.fixture
def root(db: None) -> User:
    return make_superuser("root")


@pytest.fixture
def root_client(root: User) -> Client:
    client = Client()
    client.force_login(root)
    return client


@pytest.fixture
def someone(db: None) -> User:
    return User.objects.create_user(
        "someone",
        "maria.lopez@example.org",
        "pw-someone-secret",
        first_name="María",
        last_name="López",
    )


def user_post(user: User, **overrides) -> dict[str, object]:
    data: dict[str, object] = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
    }
    if user.is_active:
        data["is_active"] = "on"
    return {**data, **overrides}


def event_text(event: AuditEvent) -> str:
    return json.dumps([event.before, event.after])


def test_making_someone_superuser_is_an_audit_event(root_client, root, someone):
    response = root_client.post(
        f"{ADMIN}/accounts/user/{someone.pk}/change/",
        user_post(someone, is_staff="on", is_superuser="on"),
    )
    assert response.status_code == 302
    someone.refresh_from_db()
    assert someone.is_superuser
    assert someone.is_staff
    event = AuditEvent.objects.get(action="admin.change", object_type="accounts.user")
    assert event.actor == root
    assert event.object_id == str(someone.pk)
    assert event.before["values"]["is_superuser"] is False
    assert event.before["values"]["is_staff"] is False
    assert event.after["values"]["is_superuser"] is True
    assert event.after["values"]["is_staff"] is True
    assert {"is_staff", "is_superuser"} <= set(event.after["fields"])
    for personal in ("maria.lopez@example.org", "María", "López"):
        assert personal not in event_text(event)


def test_a_superuser_granting_itself_groups_is_an_audit_event(root_client, root):
    group = Group.objects.create(name="editors")
    response = root_client.post(
        f"{ADMIN}/accounts/user/{root.pk}/change/",
        user_post(root, is_staff="on", is_superuser="on", groups=[group.pk]),
    )
    assert response.status_code == 302
    assert list(root.groups.all()) == [group]
    event = AuditEvent.objects.get(action="admin.change", object_type="accounts.user")
    assert event.before["values"]["groups"] == []
    assert event.after["values"]["groups"] == [group.pk]
    assert "groups" in event.after["fields"]


def test_adding_a_user_is_an_audit_event_without_the_password(root_client, root):
    response = root_client.post(
        f"{ADMIN}/accounts/user/add/",
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "a-long-Secret-4213",
            "password2": "a-long-Secret-4213",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    event = AuditEvent.objects.get(action="admin.create", object_type="accounts.user")
    assert event.object_id == str(user.pk)
    assert event.after["values"]["is_superuser"] is False
    assert "a-long-Secret-4213" not in event_text(event)
    assert user.password not in event_text(event)


def test_setting_a_password_in_the_admin_is_an_audit_event_without_the_hash(
    root_client, root, someone
):
    response = root_client.post(
        f"{ADMIN}/accounts/user/{someone.pk}/password/",
        {
            "password1": "another-Secret-9876",
            "password2": "another-Secret-9876",
            "usable_password": "true",
            "set-password": "",
        },
    )
    assert response.status_code == 302
    someone.refresh_from_db()
    assert someone.check_password("another-Secret-9876")
    event = AuditEvent.objects.get(action="admin.password_change")
    assert event.actor == root
    assert event.object_id == str(someone.pk)
    assert event.after == {"fields": ["password"], "values": {"usable_password": True}}
    assert "another-Secret-9876" not in event_text(event)
    assert someone.password not in event_text(event)


def test_a_refused_password_change_records_no_event(root_client, someone):
    response = root_client.post(
        f"{ADMIN}/accounts/user/{someone.pk}/password/",
        {"password1": "one-Secret-9876", "password2": "other-Secret-9876", "set-password": ""},
    )
    assert response.status_code == 200
    assert not AuditEvent.objects.exists()


def test_giving_a_group_permissions_is_an_audit_event(root_client, root):
    permission = Permission.objects.get(codename="view_user")
    response = root_client.post(
        f"{ADMIN}/auth/group/add/", {"name": "helpdesk", "permissions": [permission.pk]}
    )
    assert response.status_code == 302
    group = Group.objects.get(name="helpdesk")
    event = AuditEvent.objects.get(action="admin.create", object_type="auth.group")
    assert event.object_id == str(group.pk)
    assert event.after["values"] == {"permissions": [permission.pk]}


def test_the_audit_trail_cannot_be_written_in_the_admin(root_client, root):
    before = AuditEvent.objects.count()
    response = root_client.post(
        f"{ADMIN}/audit/auditevent/add/",
        {"actor_label": "nobody", "action": "x", "object_type": "x", "object_id": "1"},
    )
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before
