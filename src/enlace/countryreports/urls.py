"""Country reports, the legislation matrix and the regional statistics."""

from django.urls import path

from enlace.countryreports import views

app_name = "countryreports"
urlpatterns = [
    path("country-reports/", views.index, name="index"),
    path("country-reports/rounds/<int:pk>/", views.round_page, name="round"),
    path("country-reports/<int:pk>/", views.report_page, name="report"),
    path("country-reports/<int:pk>/edit/", views.report_edit, name="edit"),
    path("country-reports/<int:pk>/template.xlsx", views.report_xlsx, name="xlsx"),
    path("country-reports/<int:pk>/upload/", views.report_upload, name="upload"),
    path("country-reports/<int:pk>/review/", views.report_review, name="review"),
    path("country-reports/<int:pk>/revise/", views.report_revise, name="revise"),
    path(
        "country-reports/<int:pk>/<kind>/add/",
        views.item_add,
        name="item_add",
    ),
    path(
        "country-reports/<int:pk>/<kind>/<int:item>/remove/",
        views.item_remove,
        name="item_remove",
    ),
    path("legislation/", views.legislation, name="legislation"),
    path("legislation/remind/", views.legislation_remind, name="legislation_remind"),
    path("legislation/<str:code>/", views.legislation_edit, name="legislation_edit"),
    path("statistics/dashboard/", views.dashboard_page, name="dashboard"),
    path("statistics/unodc.csv", views.unodc_csv, name="unodc_csv"),
    path("statistics/", views.public_statistics, name="public_statistics"),
]
