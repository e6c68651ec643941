from django.urls import path

from enlace.contributions import views

app_name = "contributions"
urlpatterns = [
    path("contributions/", views.contribution_list, name="list"),
    path("contributions/new/", views.contribution_new, name="new"),
    path("contributions/<int:pk>/", views.contribution_detail, name="detail"),
    path("contributions/<int:pk>/edit/", views.contribution_edit, name="edit"),
    path("contributions/<int:pk>/withdraw/", views.contribution_withdraw, name="withdraw"),
    path("contributions/<int:pk>/decide/", views.contribution_decide, name="decide"),
    path("contributions/<int:pk>/point/", views.contribution_point, name="point"),
    path("contributions/<int:pk>/documents/", views.document_add, name="document_add"),
    path("contributions/documents/<int:pk>/", views.document_download, name="document"),
    path("contributions/documents/<int:pk>/remove/", views.document_remove, name="document_remove"),
    path(
        "contributions/<int:pk>/recommendations/new/",
        views.recommendation_new,
        name="recommendation_new",
    ),
    path(
        "contributions/recommendations/<int:pk>/",
        views.recommendation_detail,
        name="recommendation",
    ),
    path(
        "contributions/recommendations/<int:pk>/edit/",
        views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "contributions/recommendations/<int:pk>/answers/<str:code>/",
        views.answer_edit,
        name="answer",
    ),
    path(
        "contributions/recommendations/<int:pk>/commitment/",
        views.follow_up_commitment,
        name="to_commitment",
    ),
    path(
        "contributions/recommendations/<int:pk>/activity/",
        views.follow_up_activity,
        name="to_activity",
    ),
    path("meetings/<int:pk>/contributions/", views.meeting_contributions, name="meeting"),
    path("mechanisms/", views.mechanism_list, name="mechanisms"),
    path("mechanisms/new/", views.mechanism_edit, name="mechanism_new"),
    path("mechanisms/<int:pk>/", views.mechanism_detail, name="mechanism"),
    path("mechanisms/<int:pk>/edit/", views.mechanism_edit, name="mechanism_edit"),
    path(
        "mechanisms/<int:pk>/documents/",
        views.mechanism_document_add,
        name="mechanism_document_add",
    ),
    path(
        "mechanisms/documents/<int:pk>/",
        views.mechanism_document_download,
        name="mechanism_document",
    ),
]
