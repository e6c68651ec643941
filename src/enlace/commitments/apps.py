from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "enlace.commitments"
    label = "commitments"
