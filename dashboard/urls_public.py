"""The public portal (no login), mounted at the site root (namespace ``public_portal``)."""

from django.urls import path

from dashboard.public import portal

app_name = "public_portal"
urlpatterns = [path("public/", portal, name="portal")]
