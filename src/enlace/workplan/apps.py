from django.apps import AppConfig


class WorkplanConfig(AppConfig):
    name = "enlace.workplan"
    label = "workplan"
