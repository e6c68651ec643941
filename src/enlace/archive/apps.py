from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """The Work Plan Archive; its tables are the work plan's."""

    name = "enlace.archive"
    label = "workplan_archive"
