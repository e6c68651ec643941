"""The kernel's own model in the Django admin: the outgoing mail, read only."""

from django.contrib import admin

from enlace.audit.admin import ReadOnlyModelAdmin
from enlace.core.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyModelAdmin):
    """What was sent and what waits: the operator's view of the outgoing mail."""

    list_display = ("created_at", "subject", "attempts", "sent_at", "last_error")
    list_filter = ("sent_at",)
    search_fields = ("key", "subject")
    ordering = ("-created_at",)
