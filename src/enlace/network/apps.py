from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "enlace.network"
    label = "network"
