"""The kernel's admin bases: inline rows an AuditedModelAdmin saves are audit events too."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django.db import transaction

from enlace.audit.admin import AuditedModelAdmin
from enlace.audit.models import AuditEvent
from enlace.conftest import make_superuser
from enlace.meetings.models import AgendaItem, Meeting


class AgendaInline(admin.TabularInline):  # type: ignore[type-arg]
    model = AgendaItem
    extra = 1


class MeetingAdmin(AuditedModelAdmin):
    inlines = [AgendaInline]


def management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
def test_inline_rows_created_changed_and_deleted_are_events(rf, net):
    root = make_superuser("root")
    meeting = Meeting.objects.create(
        body=net.network,
        title="Regular meeting",
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 3, 2),
    )
    kept = AgendaItem.objects.create(meeting=meeting, position=1, title="Opening")
    dropped = AgendaItem.objects.create(meeting=meeting, position=2, title="Old item")
    model_admin = MeetingAdmin(Meeting, AdminSite())
    request = rf.post("/")
    request.user = root
    inline = model_admin.get_inline_instances(request, meeting)[0]
    formset_class = inline.get_formset(request, meeting)
    prefix = formset_class.get_default_prefix()
    data = management(prefix, 3, 2) | {
        f"{prefix}-0-id": str(kept.pk),
        f"{prefix}-0-meeting": str(meeting.pk),
        f"{prefix}-0-position": "1",
        f"{prefix}-0-title": "Opening and agenda",
        f"{prefix}-1-id": str(dropped.pk),
        f"{prefix}-1-meeting": str(meeting.pk),
        f"{prefix}-1-position": "2",
        f"{prefix}-1-title": "Old item",
        f"{prefix}-1-DELETE": "on",
        f"{prefix}-2-meeting": str(meeting.pk),
        f"{prefix}-2-position": "3",
        f"{prefix}-2-title": "Any other business",
    }
    formset = formset_class(data, instance=meeting, prefix=prefix)
    assert formset.is_valid(), formset.errors
    form = model_admin.get_form(request, meeting)(instance=meeting)
    with transaction.atomic():
        model_admin.save_formset(request, form, formset, change=True)

    added = AgendaItem.objects.get(title="Any other business")
    assert not AgendaItem.objects.filter(pk=dropped.pk).exists()
    events = {
        (event.action, event.object_id): event
        for event in AuditEvent.objects.filter(object_type="meetings.agendaitem")
    }
    assert set(events) == {
        ("admin.change", str(kept.pk)),
        ("admin.delete", str(dropped.pk)),
        ("admin.create", str(added.pk)),
    }
    assert events["admin.change", str(kept.pk)].after == {"fields": ["title"]}
    assert all(event.actor == root for event in events.values())
