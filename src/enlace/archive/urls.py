"""The Work Plan Archive, the annex documents and the spreadsheets (see archive_views)."""

from django.urls import path

from enlace.workplan import archive_views as views

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
    path("workplan/versions/<int:pk>/document.pdf", views.version_pdf, name="version_pdf"),
    path("workplan/versions/<int:pk>/document.docx", views.version_docx, name="version_docx"),
    path("workplan/versions/<int:pk>/activities.xlsx", views.version_xlsx, name="version_xlsx"),
    path(
        "workplan/countries/<str:code>/activities.xlsx",
        views.country_xlsx,
        name="country_xlsx",
    ),
    path("workplan/countries/<str:code>/upload/", views.country_upload, name="country_upload"),
]
