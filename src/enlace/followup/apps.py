from django.apps import AppConfig


class FollowupConfig(AppConfig):
    """The follow-up of the work plan in force; its tables are the work plan's."""

    name = "enlace.followup"
    label = "workplan_followup"
