from django.urls import path

from enlace.imports import views

app_name = "imports"
urlpatterns = [
    path("imports/", views.upload, name="upload"),
    path("imports/<uuid:batch>/", views.preview, name="preview"),
]
