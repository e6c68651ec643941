"""Reads of the audit log. The audit app only records (it sits below the rules); reading it,
with its rule, is done here at the top."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from enlace import access
from enlace.audit.models import AuditEvent


def audit_events_visible_to(user: access.Who) -> QuerySet[AuditEvent]:
    if not access.can_view_audit(access.actor_for(user)):
        raise PermissionDenied
    return AuditEvent.objects.select_related("actor")
