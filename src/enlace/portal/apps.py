from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "enlace.portal"
    label = "portal"
