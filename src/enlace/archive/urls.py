"""The Work Plan Archive: its list and search, an entry, its spreadsheet, archiving an activity
(namespace "workplan:", see enlace.urls)."""

from django.urls import path

from enlace.archive import views

urlpatterns = [
    path("workplan/archive/", views.archive_list, name="archive"),
    path("workplan/archive/archive.xlsx", views.archive_xlsx, name="archive_xlsx"),
    path("workplan/archive/<int:pk>/", views.archive_detail, name="archive_entry"),
    path(
        "workplan/archive/<int:pk>/publication/",
        views.archive_publication,
        name="archive_publication",
    ),
    path(
        "workplan/activities/<int:pk>/archive/",
        views.activity_archive_form,
        name="activity_archive",
    ),
]
