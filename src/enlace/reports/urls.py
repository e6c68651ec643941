from django.urls import URLPattern, path

from enlace.reports import views

app_name = "reports"
# --- the drafting of a report ---
urlpatterns: list[URLPattern] = [
    path("reports/<int:pk>/", views.report_page, name="report"),
    path(
        "reports/<int:pk>/points/<int:point_pk>/history/",
        views.point_history,
        name="point_history",
    ),
    path(
        "reports/<int:pk>/points/<int:point_pk>/comments/",
        views.comment_add,
        name="comment_add",
    ),
    path("reports/comments/<int:pk>/answer/", views.comment_answer, name="comment_answer"),
    path("reports/<int:pk>/adopt/", views.report_adopt, name="adopt"),
    path("reports/<int:pk>/present/", views.report_present, name="present"),
    path("reports/<int:pk>/publish/", views.report_publish, name="publish"),
]

# --- the formal document of a report ---
from enlace.reports import document_views  # noqa: E402

urlpatterns += [
    path("reports/<int:pk>/document.pdf", document_views.report_pdf, name="document_pdf"),
    path("reports/<int:pk>/document.docx", document_views.report_docx, name="document_docx"),
]
