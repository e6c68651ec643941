from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "enlace.meetings"
    label = "meetings"
