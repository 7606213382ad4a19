"""Rectification pages under /rectification/ (namespace ``rectification``)."""

from django.urls import path

from rectification import views

app_name = "rectification"
urlpatterns: list = [
    path("", views.problem_list, name="problem-list"),
    path("<int:pk>/", views.problem_detail, name="problem-detail"),
]
