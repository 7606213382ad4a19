import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import PersonFactory

DOMAIN_APPS = ["orgs", "inspections", "responsibility", "cases", "rectification"]


def test_every_domain_model_has_an_admin():
    """Registered, or shown inside the admin of the object it belongs to."""
    models = [m for app in DOMAIN_APPS for m in apps.get_app_config(app).get_models()]
    inlined = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    assert [m.__name__ for m in models if not admin.site.is_registered(m) and m not in inlined] == []


@pytest.mark.django_db
def test_stored_rankings_cannot_be_edited_in_the_admin(admin_client):
    from datetime import date

    from responsibility.models import Ranking

    ranking = Ranking.objects.create(
        kind="monthly", period_start=date(2026, 1, 1), period_end=date(2026, 1, 31), rule={}
    )
    url = reverse("admin:responsibility_ranking_change", args=[ranking.pk])
    response = admin_client.post(url, {"kind": "annual", "period_start": "2025-01-01", "period_end": "2025-12-31"})
    assert response.status_code == 403
    ranking.refresh_from_db()
    assert ranking.kind == "monthly"
    assert admin_client.get(reverse("admin:responsibility_ranking_add")).status_code == 403


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
