from django.urls import path

from enlace.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.inbox, name="inbox"),
    path("cooperation/new/", views.request_new, name="request_new"),
    path("cooperation/requests/<int:pk>/", views.request_page, name="request"),
    path(
        "cooperation/requests/<int:pk>/state/", views.request_transition, name="request_transition"
    ),
    path(
        "cooperation/requests/<int:pk>/state/<str:action>/",
        views.request_transition_confirm,
        name="request_transition_confirm",
    ),
    path("cooperation/requests/<int:pk>/messages/", views.request_message, name="request_message"),
    path(
        "cooperation/requests/<int:pk>/attachments/",
        views.request_attachment,
        name="request_attachment",
    ),
    path(
        "cooperation/requests/<int:pk>/steps/<int:step_pk>/",
        views.request_step,
        name="request_step",
    ),
    path("cooperation/requests/<int:pk>/remind/", views.request_remind, name="request_remind"),
    path("cooperation/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("cooperation/cases/", views.case_list, name="cases"),
    path("cooperation/cases/new/", views.case_new, name="case_new"),
    path("cooperation/cases/htcds.csv", views.cases_export, name="cases_export_csv"),
    path("cooperation/cases/<str:code>/", views.case_page, name="case"),
    path("cooperation/cases/<str:code>/edit/", views.case_edit, name="case_edit"),
    path("cooperation/cases/<str:code>/events/", views.case_event, name="case_event"),
    path("cooperation/cases/<str:code>/identity/", views.case_identity, name="case_identity"),
    path(
        "cooperation/cases/<str:code>/identity/edit/",
        views.case_identity_edit,
        name="case_identity_edit",
    ),
    path(
        "cooperation/cases/<str:code>/export.json",
        views.case_export,
        {"fmt": "json"},
        name="case_export_json",
    ),
    path(
        "cooperation/cases/<str:code>/export.csv",
        views.case_export,
        {"fmt": "csv"},
        name="case_export_csv",
    ),
    path("cooperation/identity-log/", views.identity_log, name="identity_log"),
    path("cooperation/statistics/", views.statistics, name="statistics"),
]
