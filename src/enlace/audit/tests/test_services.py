"""Writing audit events: snapshots, who did it, what changed."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from enlace.audit.actions import Verb
from enlace.audit.models import AuditEvent
from enlace.audit.services import audit_record, changed_fields, snapshot
from enlace.network.models import Country, Membership, Presidency


def test_snapshot_is_json_safe(net, officer):
    membership = Membership.objects.get(person=officer.person)
    membership.end_date = datetime.date(2024, 6, 30)
    data = snapshot(membership)
    assert data["start_date"] == "2020-01-01"
    assert data["end_date"] == "2024-06-30"
    assert data["post_id"] == membership.post_id
    assert data["person_id"] == officer.person.pk
    assert data["id"] == membership.pk
    assert snapshot(None) is None


def test_audit_record_names_the_actor_and_the_object(net, secretariat):
    presidency = Presidency.objects.create(
        country=net.honduras,
        year=2008,
        start_date=datetime.date(2008, 1, 1),
        end_date=datetime.date(2008, 12, 31),
    )
    before = timezone.now()
    event = audit_record(
        actor=secretariat,
        action="presidency.create",
        instance=presidency,
        after=snapshot(presidency),
    )
    after = timezone.now()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == secretariat
    assert stored.actor_label == "st_staff"
    assert stored.object_type == "network.presidency"
    assert stored.object_id == str(presidency.pk)
    assert stored.object_label == str(presidency)
    assert stored.after["end_date"] == "2008-12-31"
    # Dated when it happened (the log is read by "when"), not at some default.
    assert before <= stored.at <= after


def test_audit_record_without_a_user_is_the_system(net):
    event = audit_record(actor=AnonymousUser(), action="country.create", instance=net.honduras)
    assert event.actor is None
    assert event.actor_label == "system"
    assert audit_record(actor=None, action="country.update", instance=net.honduras).actor_label == (
        "system"
    )


def test_event_survives_the_deletion_of_its_user(net, outsider):
    event = audit_record(actor=outsider, action="country.update", instance=net.honduras)
    outsider.delete()
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_label == "outsider"


def test_changed_fields():
    assert changed_fields({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ["b", "c"]
    assert changed_fields(None, {"a": 1}) == ["a"]
    assert changed_fields({"a": 1}, {"a": 1}) == []


def test_an_event_records_its_verb_as_a_choice_and_an_unknown_verb_is_refused(db) -> None:
    country = Country.objects.create(code="XXA", name_es="Ejemplo", name_en="Example")
    event = audit_record(actor=None, action="country.update", instance=country)
    assert event.verb == Verb.UPDATE
    with translation.override("fr"):
        assert str(event.get_verb_display()) == "Modifiée"
    with pytest.raises(ValueError, match="unknown audit verb"):
        audit_record(actor=None, action="country.teleport", instance=country)
    assert AuditEvent.objects.count() == 1
