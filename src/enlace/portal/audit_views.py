"""The audit log's page (/audit/): the secretariat reads who did what. The audit app only records;
reading it, with its rule, is done here at the top."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enlace import access
from enlace.audit.models import AuditEvent


def audit_events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    if not access.can_view_audit(access.actor_for(user)):
        raise PermissionDenied
    return AuditEvent.objects.select_related("actor")


def audit_list(request: HttpRequest) -> HttpResponse:
    events = audit_events_visible_to(request.user)
    object_type = request.GET.get("type", "")[:60]
    if object_type:
        events = events.filter(object_type=object_type)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"page": page, "object_type": object_type})
