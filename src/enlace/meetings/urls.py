from django.urls import path

from enlace.meetings import views

app_name = "meetings"
urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("documents/<int:pk>/", views.document_download, name="document"),
]
