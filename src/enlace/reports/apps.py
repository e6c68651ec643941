from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "enlace.reports"
    label = "reports"
