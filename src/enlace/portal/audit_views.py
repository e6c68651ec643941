"""The audit log's page (/audit/): the secretariat reads who did what (through
``portal.audit_selectors``)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from enlace.portal.audit_selectors import audit_events_visible_to


def audit_list(request: HttpRequest) -> HttpResponse:
    events = audit_events_visible_to(request.user)
    object_type = request.GET.get("type", "")[:60]
    if object_type:
        events = events.filter(object_type=object_type)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"page": page, "object_type": object_type})
