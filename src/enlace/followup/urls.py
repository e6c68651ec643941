"""The follow-up of the plans in force: activity pages, "my activities", the dashboard."""

from django.urls import path

from enlace.workplan import follow_views as views

urlpatterns = [
    path("workplan/activities/<int:pk>/", views.activity_page, name="activity"),
    path("workplan/evidence/<int:pk>/", views.evidence_download, name="evidence_file"),
    path("workplan/mine/", views.my_activities, name="mine"),
    path("workplan/dashboard/", views.dashboard_page, name="dashboard"),
]
