from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "enlace.network"
    label = "network"

    def ready(self) -> None:
        from enlace import access
        from enlace.network.selectors import PostHolders

        access.use_directory(PostHolders())
