from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "enlace.audit"
    label = "audit"
