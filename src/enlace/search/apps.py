from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "enlace.search"
    label = "search"
