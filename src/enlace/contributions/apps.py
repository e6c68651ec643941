from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "enlace.contributions"
    label = "contributions"
