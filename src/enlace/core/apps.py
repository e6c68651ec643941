from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "enlace.core"
    label = "core"
