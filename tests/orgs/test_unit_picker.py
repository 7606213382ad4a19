"""Unit selects at province size: listed in full while short, otherwise only the chosen unit and a name search."""

import re

import pytest
from django.urls import reverse

from orgs import widgets
from orgs.models import Unit
from tests.factories import UnitFactory


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def _select_tag(html: str, name: str) -> str:
    return re.search(rf'<select name="{name}"[^>]*>', html).group(0)


@pytest.fixture
def many_units(db, monkeypatch, township_a, township_b, commission):
    """Seven units, four of them lead units, and a limit of three: past it, as a province's ten thousand are."""
    monkeypatch.setattr(widgets, "LISTED_AT_MOST", 3)
    return [UnitFactory(name=f"丙{n}局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True) for n in range(4)]


def test_a_short_list_is_listed_in_full_without_search(staff_client, township_a, township_b, commission):
    html = staff_client.get(reverse("responsibility:ledger")).content.decode()
    assert set(_options(html, "unit")) == {"", str(township_a.pk), str(township_b.pk), str(commission.pk)}
    assert "data-unit-lookup" not in _select_tag(html, "unit")


def test_a_long_list_renders_only_the_chosen_unit_and_a_lookup(staff_client, many_units, township_a):
    html = staff_client.get(reverse("responsibility:ledger")).content.decode()
    assert _options(html, "unit") == [""]
    assert f'data-unit-lookup="{reverse("orgs:unit-lookup")}"' in _select_tag(html, "unit")
    assert 'data-unit-lookup="/orgs/units/lookup/?lead=1"' in _select_tag(html, "lead_unit")

    html = staff_client.get(reverse("responsibility:ledger"), {"unit": township_a.pk}).content.decode()
    assert _options(html, "unit") == ["", str(township_a.pk)]
    assert f'<option value="{township_a.pk}" selected>' in html


def test_a_unit_outside_the_fields_choices_is_still_refused(staff_client, many_units):
    response = staff_client.get(reverse("responsibility:ledger"), {"co_unit": many_units[0].pk})
    assert "筛选条件有误" in response.content.decode()


def test_many_units_cost_no_more_queries(staff_client, many_units, django_assert_max_num_queries):
    UnitFactory.create_batch(20)
    with django_assert_max_num_queries(20):
        assert staff_client.get(reverse("responsibility:ledger")).status_code == 200


def test_the_lookup_finds_units_by_name_narrowed_by_flags(staff_client, township_a, township_b):
    lead = UnitFactory(name="甲局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    UnitFactory(name="甲旧局", kind=Unit.Kind.DEPARTMENT, is_active=False)
    found = staff_client.get(reverse("orgs:unit-lookup"), {"q": "甲"}).json()["results"]
    assert {unit["name"] for unit in found} == {"甲镇", "甲局", "甲旧局"}
    found = staff_client.get(reverse("orgs:unit-lookup"), {"q": "甲", "lead": "1"}).json()["results"]
    assert found == [{"id": lead.pk, "name": "甲局"}]
    found = staff_client.get(reverse("orgs:unit-lookup") + "?q=甲&kind=department&active=1").json()["results"]
    assert [unit["name"] for unit in found] == ["甲局"]


def test_the_lookup_returns_a_bounded_number(staff_client, django_assert_max_num_queries):
    UnitFactory.create_batch(25)
    with django_assert_max_num_queries(6):
        found = staff_client.get(reverse("orgs:unit-lookup"), {"q": "测试乡"}).json()["results"]
    assert len(found) == 20


def test_an_officer_finds_only_their_own_unit(officer_client, township_a, township_b):
    found = officer_client.get(reverse("orgs:unit-lookup"), {"q": "镇"}).json()["results"]
    assert found == [{"id": township_a.pk, "name": "甲镇"}]


def test_the_staff_lookup_needs_a_login(client, township_a):
    response = client.get(reverse("orgs:unit-lookup"), {"q": "甲"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_public_lookup_names_active_units_only(client, township_a):
    UnitFactory(name="甲撤并镇", is_active=False)
    found = client.get(reverse("orgs:public-unit-lookup"), {"q": "甲", "kind": "township"}).json()["results"]
    assert found == [{"id": township_a.pk, "name": "甲镇"}]


def test_the_public_commitments_filter_uses_the_public_lookup(client, many_units):
    html = client.get(reverse("rectification_public:commitment-list")).content.decode()
    assert "/orgs/units/public-lookup/?kind=township&amp;kind=department" in _select_tag(html, "unit")
