from django.contrib import admin

from enlace.audit.admin import AuditedModelAdmin
from enlace.meetings.models import AgendaItem, Meeting, MeetingDocument, Participation

for model in (AgendaItem, Meeting, MeetingDocument, Participation):
    admin.site.register(model, AuditedModelAdmin)
