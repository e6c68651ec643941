from django.contrib import admin

from enlace.audit.admin import AuditedModelAdmin
from enlace.meetings.models import AgendaItem, Meeting, MeetingDocument, Participation, Report

for model in (AgendaItem, Meeting, MeetingDocument, Participation, Report):
    admin.site.register(model, AuditedModelAdmin)
