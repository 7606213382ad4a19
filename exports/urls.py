from django.urls import path

from exports import views

app_name = "exports"
urlpatterns = [
    path("<uuid:pk>/", views.job_detail, name="job-detail"),
    path("<uuid:pk>/download/", views.job_download, name="job-download"),
]
