from django.urls import path

from enlace.network import views

app_name = "network"
urlpatterns = [
    path("network/", views.overview, name="overview"),
    path("directory/", views.directory, name="directory"),
    path("directory/export.csv", views.directory_csv, name="directory_csv"),
    path("directory/popolo.json", views.directory_popolo, name="directory_popolo"),
    path("directory/people/<int:pk>/", views.person_detail, name="person"),
]
