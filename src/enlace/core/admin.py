"""The admin's read-only base (``ReadOnlyModelAdmin``), and the kernel's own model there: the
outgoing mail, read only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from enlace.core.models import OutgoingMail


class ReadOnlyModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Shown in the admin, never written there: no add, no change, no delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyModelAdmin):
    """What was sent and what waits: the operator's view of the outgoing mail."""

    list_display = ("created_at", "subject", "attempts", "sent_at", "last_error")
    list_filter = ("sent_at",)
    search_fields = ("key", "subject")
    ordering = ("-created_at",)
