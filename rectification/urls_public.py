"""Public rectification pages (no login), mounted at the site root (namespace ``rectification_public``)."""

from django.urls import path

from rectification import views_public_commitments, views_public_rating

app_name = "rectification_public"
urlpatterns: list = [
    path("public/rating/", views_public_rating.rating_form, name="rating-form"),
    path("public/commitments/", views_public_commitments.commitment_list, name="commitment-list"),
    path("public/commitments/<int:pk>/", views_public_commitments.commitment_detail, name="commitment-detail"),
]
