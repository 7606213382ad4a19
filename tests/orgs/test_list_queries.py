"""Every list page and API list runs a fixed number of queries, however many rows it shows."""

import pytest
from django.urls import reverse

from orgs.models import Role, Unit
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

ROWS = 40


@pytest.fixture
def many_units(township_a):
    parent = UnitFactory(name="上级", kind=Unit.Kind.DEPARTMENT)
    units = [UnitFactory(parent=parent) for _ in range(ROWS)]
    for unit in units:
        PersonFactory(unit=unit, roles=[Role.UNIT_OFFICER, Role.REVIEWER])
    return units


def test_unit_list_page_queries(staff_client, many_units, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("orgs:unit-list"))
    assert response.status_code == 200
    assert response.text.count("/orgs/units/") >= 30


def test_unit_detail_people_queries(staff_client, township_a, django_assert_max_num_queries):
    for _ in range(ROWS):
        PersonFactory(unit=township_a, roles=[Role.UNIT_OFFICER])
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("orgs:unit-detail", args=[township_a.pk]))
    assert response.text.count("<tr>") >= ROWS


def test_unit_api_list_queries(staff_client, many_units, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = staff_client.get("/api/v1/units/")
    assert response.json()["count"] > ROWS


def test_people_api_list_queries(staff_client, many_units, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = staff_client.get("/api/v1/people/", {"role": "unit_officer"})
    results = response.json()["results"]
    assert len(results) == ROWS
    assert results[0]["roles"] == ["reviewer", "unit_officer"]
