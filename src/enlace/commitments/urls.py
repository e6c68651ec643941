from django.urls import path

from enlace.commitments import views

app_name = "commitments"
urlpatterns = [
    path("commitments/", views.commitment_list, name="list"),
    path("commitments/calendar/", views.calendar_settings, name="calendar"),
    path("commitments/<int:pk>/", views.commitment_detail, name="detail"),
    path("reports/<int:pk>/commitments/", views.report_commitments, name="report"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
]
