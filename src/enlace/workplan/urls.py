"""The work plan's pages, in three parts kept by their own modules."""

from django.urls import include, path

app_name = "workplan"
urlpatterns = [
    path("", include("enlace.workplan.plan_urls")),
    path("", include("enlace.workplan.follow_urls")),
    path("", include("enlace.workplan.archive_urls")),
]
