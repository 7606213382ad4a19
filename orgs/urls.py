from django.urls import path

from orgs import views

app_name = "orgs"
urlpatterns = [
    path("units/", views.unit_list, name="unit-list"),
    path("units/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("my-unit/", views.my_unit, name="my-unit"),
]
