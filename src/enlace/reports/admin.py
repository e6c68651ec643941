from django.contrib import admin

from enlace.audit.admin import AuditedModelAdmin
from enlace.reports.models import Report

admin.site.register(Report, AuditedModelAdmin)
