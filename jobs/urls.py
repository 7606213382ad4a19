from django.urls import path

from jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<str:name>/", views.job_detail, name="detail"),
    path("<str:name>/schedule/", views.schedule_edit, name="schedule"),
    path("<str:name>/run/", views.job_run_now, name="run"),
]
