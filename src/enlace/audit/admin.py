from django.contrib import admin

from enlace.audit.models import AuditEvent
from enlace.core.admin import ReadOnlyModelAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """The trail is written by the services only: the admin can neither add nor alter it."""

    list_display = ["at", "actor_label", "action", "object_type", "object_label"]
