from django.urls import path  # noqa: F401

app_name = "commitments"
urlpatterns: list = []  # type: ignore[type-arg]
