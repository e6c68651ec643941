"""Reading the audit log: the secretariat only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from enlace.audit.services import audit_record
from enlace.portal.audit_selectors import audit_events_visible_to


def test_secretariat_reads_every_event(secretariat, officer, net):
    audit_record(actor=officer, action="apitoken.create", instance=net.honduras)
    audit_record(actor=secretariat, action="country.update", instance=net.honduras)
    assert [e.action for e in audit_events_visible_to(secretariat)] == [
        "country.update",
        "apitoken.create",
    ]


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider"])
def test_nobody_else_reads_the_log(request, net, who):
    with pytest.raises(PermissionDenied):
        audit_events_visible_to(request.getfixturevalue(who))


def test_anonymous_does_not_read_the_log(db):
    with pytest.raises(PermissionDenied):
        audit_events_visible_to(AnonymousUser())


def test_superuser_without_a_secretariat_post_does_not_read_the_log(django_user_model, net):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-root")
    with pytest.raises(PermissionDenied):
        audit_events_visible_to(admin)
