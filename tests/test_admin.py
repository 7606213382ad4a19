import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import PersonFactory

DOMAIN_APPS = ["orgs", "inspections", "responsibility", "cases", "rectification"]


def test_every_domain_model_has_an_admin():
    models = [m for app in DOMAIN_APPS for m in apps.get_app_config(app).get_models()]
    assert [m.__name__ for m in models if not admin.site.is_registered(m)] == []


@pytest.mark.django_db
def test_admin_changelists_open(admin_client):
    PersonFactory(roles=["unit_officer"])
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_admin_is_closed_to_unit_officers(officer_client):
    response = officer_client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
