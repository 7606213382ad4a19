from django.urls import path

from orgs import lookups, views

app_name = "orgs"
urlpatterns = [
    path("units/", views.unit_list, name="unit-list"),
    path("units/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("units/lookup/", lookups.unit_lookup, name="unit-lookup"),
    path("units/public-lookup/", lookups.public_unit_lookup, name="public-unit-lookup"),
    path("my-unit/", views.my_unit, name="my-unit"),
]
