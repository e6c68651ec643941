"""The follow-up of the plans in force: activity pages, "my activities", the dashboard, a
country's spreadsheet (namespace "workplan:", see enlace.urls)."""

from django.urls import path

from enlace.followup import views

urlpatterns = [
    path("workplan/activities/<int:pk>/", views.activity_page, name="activity"),
    path("workplan/evidence/<int:pk>/", views.evidence_download, name="evidence_file"),
    path("workplan/mine/", views.my_activities, name="mine"),
    path("workplan/dashboard/", views.dashboard_page, name="dashboard"),
    path(
        "workplan/countries/<str:code>/activities.xlsx",
        views.country_xlsx,
        name="country_xlsx",
    ),
    path("workplan/countries/<str:code>/upload/", views.country_upload, name="country_upload"),
]
