"""The account page and personal API tokens. Sign-in, passwords, second factors and sessions are
django-allauth's pages, mounted under the same /accounts/ (see enlace/urls.py)."""

from django.urls import path

from enlace.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
