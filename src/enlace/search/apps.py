from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "enlace.search"
    label = "search"

    def ready(self) -> None:
        from enlace.search import signals

        signals.connect()
