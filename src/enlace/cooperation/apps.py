from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "enlace.cooperation"
    label = "cooperation"
