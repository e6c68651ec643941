"""The Django admin (/system-admin/): it grants nothing, shows no protected case, and each write
it still allows is an audit event.

The attack these tests close: a superuser adds, in two admin posts, a Person for its own user
and a Membership in the post "Honduras liaison officer", then reads a protected case's victim
identity; no audit event recorded it.
"""

import datetime

import pytest
from django.contrib import admin
from django.test import Client

from enlace.accounts.models import User
from enlace.audit.admin import AuditedModelAdmin
from enlace.audit.models import AuditEvent
from enlace.conftest import make_superuser
from enlace.meetings.models import Meeting
from enlace.network.models import Body, Country, Membership, Organisation, Person, Post, Presidency

ADMIN = "/system-admin"
GRANTS = (Country, Membership, Organisation, Person, Post, Presidency)


@pytest.fixture
def root(db: None) -> User:
    return make_superuser("root")


@pytest.fixture
def root_client(root: User) -> Client:
    client = Client()
    client.force_login(root)
    return client


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Person, Post, Membership, AuditEvent)
    }


def honduras_officer_post(net) -> Post:
    post, _created = Post.objects.get_or_create(
        body=net.network, role=Post.Role.LIAISON_OFFICER, country=net.honduras
    )
    return post


def body_post(body: Body, **overrides) -> dict[str, str]:
    data = {
        "slug": body.slug,
        "kind": body.kind,
        "acronym": body.acronym,
        "reports_to": str(body.reports_to_id or ""),
        "name_es": body.name_es,
        "name_en": body.name_en,
        "name_fr": body.name_fr,
        "description_es": body.description_es,
        "description_en": body.description_en,
        "description_fr": body.description_fr,
    }
    return {**data, **overrides}


# --- no grant through the admin ---------------------------------------------------------------


def test_superuser_cannot_add_a_person_for_its_own_user(root_client, root, net):
    before = counts()
    response = root_client.post(
        f"{ADMIN}/network/person/add/",
        {"given_name": "Root", "family_name": "Admin", "user": root.pk},
    )
    assert response.status_code == 403
    assert counts() == before
    assert not Person.objects.filter(user=root).exists()


def test_superuser_cannot_add_a_membership_in_a_liaison_officer_post(root_client, root, net):
    person = Person.objects.create(given_name="Root", family_name="Admin", user=root)
    post = honduras_officer_post(net)
    before = counts()
    response = root_client.post(
        f"{ADMIN}/network/membership/add/",
        {"person": person.pk, "post": post.pk, "start_date": "2020-01-01", "end_date": ""},
    )
    assert response.status_code == 403
    assert counts() == before
    assert not Membership.objects.filter(person=person).exists()


def test_superuser_cannot_add_a_post(root_client, net):
    before = counts()
    response = root_client.post(
        f"{ADMIN}/network/post/add/",
        {"body": net.network.pk, "role": Post.Role.LIAISON_OFFICER, "country": net.mexico.pk},
    )
    assert response.status_code == 403
    assert counts() == before


def test_change_pages_of_grants_show_but_refuse_changes(root_client, root, net, officer):
    membership = officer.person.memberships.select_related("post").get()
    person, post = membership.person, membership.post
    pages = {
        f"{ADMIN}/network/membership/{membership.pk}/change/": {
            "person": person.pk,
            "post": post.pk,
            "start_date": "2020-01-01",
            "end_date": "",
            "institution": "Ministerio",
            "position": "Enlace",
        },
        f"{ADMIN}/network/person/{person.pk}/change/": {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "email": person.email,
            "user": root.pk,  # the person's account handed to the superuser
        },
        f"{ADMIN}/network/post/{post.pk}/change/": {
            "body": post.body_id,
            "role": Post.Role.SECRETARIAT,
            "country": "",
            "organisation": net.secretariat_org.pk,
        },
    }
    before = counts()
    for url, data in pages.items():
        assert root_client.get(url).status_code == 200, url  # the admin may look
        assert root_client.post(url, data).status_code == 403, url
    assert counts() == before
    person.refresh_from_db()
    post.refresh_from_db()
    membership.refresh_from_db()
    assert person.user_id == officer.pk
    assert post.role == Post.Role.LIAISON_OFFICER
    assert post.country_id == net.honduras.pk
    assert membership.end_date is None


def test_grants_cannot_be_deleted_in_the_admin(root_client, officer):
    membership = officer.person.memberships.get()
    url = f"{ADMIN}/network/membership/{membership.pk}/delete/"
    assert root_client.post(url, {"post": "yes"}).status_code == 403
    response = root_client.post(
        f"{ADMIN}/network/person/",
        {"action": "delete_selected", "_selected_action": [officer.person.pk], "post": "yes"},
    )
    # The list comes back as it was: the delete action is not even offered.
    assert response.status_code == 200
    assert 'value="delete_selected"' not in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert Person.objects.filter(pk=officer.person.pk).exists()


@pytest.mark.parametrize("model", GRANTS, ids=lambda model: model.__name__)
def test_grant_models_are_read_only_in_the_admin(model, rf, root):
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        return  # not registered at all is fine too
    request = rf.get("/")
    request.user = root
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


# --- no protected case in the admin ----------------------------------------------------------


def test_no_cooperation_model_is_registered():
    registered = [model._meta.label for model in admin.site._registry]
    assert registered, "the admin registry is empty: the test would prove nothing"
    assert not [label for label in registered if label.startswith("cooperation.")]


def test_the_admin_index_lists_no_cooperation_app(root_client):
    response = root_client.get(f"{ADMIN}/")
    assert response.status_code == 200
    assert f"{ADMIN}/cooperation/" not in response.content.decode()
    assert root_client.get(f"{ADMIN}/cooperation/").status_code == 404


# --- every write the admin allows is an audit event ------------------------------------------


def test_every_registered_model_is_read_only_or_audited(rf, root):
    request = rf.get("/")
    request.user = root
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, AuditedModelAdmin):
            continue
        writes = [
            model_admin.has_add_permission(request),
            model_admin.has_change_permission(request),
            model_admin.has_delete_permission(request),
        ]
        assert not any(writes), f"{model._meta.label} is written in the admin without audit"


def test_changing_a_body_is_an_audit_event(root_client, root, net):
    body = net.network
    response = root_client.post(
        f"{ADMIN}/network/body/{body.pk}/change/", body_post(body, acronym="RFE")
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.acronym == "RFE"
    event = AuditEvent.objects.get(action="admin.change")
    assert event.actor == root
    assert event.object_type == "network.body"
    assert event.object_id == str(body.pk)
    assert event.after == {"fields": ["acronym"]}  # which fields, not their values


def test_adding_and_deleting_a_body_are_audit_events(root_client, root, net):
    response = root_client.post(
        f"{ADMIN}/network/body/add/",
        {
            "slug": "working-group",
            "kind": Body.Kind.WORKING_GROUP,
            "name_es": "Grupo de trabajo",
            "name_en": "Working group",
            "name_fr": "Groupe de travail",
        },
    )
    assert response.status_code == 302
    body = Body.objects.get(slug="working-group")
    created = AuditEvent.objects.get(action="admin.create")
    assert (created.object_type, created.object_id) == ("network.body", str(body.pk))
    assert "slug" in created.after["fields"]

    response = root_client.post(f"{ADMIN}/network/body/{body.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Body.objects.filter(pk=body.pk).exists()
    deleted = AuditEvent.objects.get(action="admin.delete")
    assert (deleted.object_type, deleted.object_id) == ("network.body", str(body.pk))
    assert deleted.actor == root


def test_deleting_several_through_the_action_is_one_event_each(root_client, net):
    meetings = [
        Meeting.objects.create(
            body=net.network,
            title=f"Meeting {n}",
            start_date=datetime.date(2021, n, 1),
            end_date=datetime.date(2021, n, 2),
        )
        for n in (1, 2)
    ]
    response = root_client.post(
        f"{ADMIN}/meetings/meeting/",
        {"action": "delete_selected", "_selected_action": [m.pk for m in meetings], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk__in=[m.pk for m in meetings]).exists()
    events = AuditEvent.objects.filter(action="admin.delete", object_type="meetings.meeting")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(str(m.pk) for m in meetings)


def test_a_refused_write_records_no_event(root_client, net):
    # An invalid change (a slug already taken) saves nothing, so there is nothing to record.
    response = root_client.post(
        f"{ADMIN}/network/body/{net.network.pk}/change/", body_post(net.network, slug="grcm")
    )
    assert response.status_code == 200
    assert not AuditEvent.objects.exists()


def test_the_admin_cannot_remove_a_second_factor(db):
    from allauth.mfa.models import Authenticator
    from django.contrib import admin

    assert not admin.site.is_registered(Authenticator)
