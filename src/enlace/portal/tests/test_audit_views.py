"""The audit log page, /audit/: the secretariat only."""

import re

import pytest

from enlace.audit.models import AuditEvent
from enlace.audit.services import audit_record
from enlace.network import services

EN = {"accept-language": "en"}


def actions(page: str) -> list[str]:
    """The actions in the log's table (each under its verb's label)."""
    return re.findall(r"<br><code>([^<]+)</code></td>", page)


def test_secretariat_reads_the_audit_log(secretariat_client, secretariat, net):
    services.country_save(
        user=secretariat,
        data={
            "code": "BLZ",
            "name_es": "Belice",
            "name_en": "Belize",
            "name_fr": "Belize",
            "status": "member",
        },
    )
    services.country_save(user=secretariat, country=net.mexico, data={"name_en": "Mexico!"})
    response = secretariat_client.get("/audit/", headers=EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert actions(page) == ["country.update", "country.create"]  # newest first
    assert "st_staff" in page
    assert "network.country #" in page
    assert "Mexico!" in page  # the state after the change


def test_audit_log_filters_by_object_type(secretariat_client, secretariat, net, officer):
    audit_record(actor=secretariat, action="country.update", instance=net.honduras)
    audit_record(actor=secretariat, action="person.update", instance=officer.person)
    page = secretariat_client.get("/audit/?type=network.person").content.decode()
    assert actions(page) == ["person.update"]


def test_audit_log_is_paginated(secretariat_client, secretariat, net):
    for _ in range(55):
        audit_record(actor=secretariat, action="country.update", instance=net.honduras)
    first = secretariat_client.get("/audit/", headers=EN).content.decode()
    assert len(actions(first)) == 50
    assert "Page 1 of 2" in first
    second = secretariat_client.get("/audit/?page=2").content.decode()
    assert len(actions(second)) == 5


def test_audit_log_escapes_what_it_shows(secretariat_client, secretariat, net):
    net.honduras.name_es = "<script>alert(1)</script>"
    audit_record(
        actor=secretariat,
        action="country.update",
        instance=net.honduras,
        after={"name_es": "<script>alert(1)</script>"},
    )
    page = secretariat_client.get("/audit/").content.decode()
    assert "<script>alert(1)</script>" not in page


@pytest.mark.parametrize(
    "who", ["officer_client", "other_client", "observer_client", "outsider_client"]
)
def test_others_cannot_read_the_audit_log(request, secretariat, net, who):
    audit_record(actor=secretariat, action="country.update", instance=net.honduras)
    response = request.getfixturevalue(who).get("/audit/")
    assert response.status_code == 403
    assert "country.update" not in response.content.decode()


def test_ppt_officer_cannot_read_the_audit_log(officer_client, ppt_honduras):
    assert officer_client.get("/audit/").status_code == 403


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/audit/"


def test_the_menu_offers_the_audit_log_to_the_secretariat_only(secretariat_client, officer_client):
    assert 'href="/audit/"' in secretariat_client.get("/directory/").content.decode()
    assert 'href="/audit/"' not in officer_client.get("/directory/").content.decode()


def test_every_write_of_the_demo_is_in_the_log(client, demo):
    from enlace.network.models import Country

    assert AuditEvent.objects.filter(action="country.create").count() == Country.objects.count()
    assert client.login(username="secretariat", password="enlace-demo-st")
    page = client.get("/audit/?type=network.country").content.decode()
    assert set(actions(page)) == {"country.create"}
