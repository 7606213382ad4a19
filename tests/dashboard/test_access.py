"""Who may open the dashboard, and its filters: the commission and county leaders; bad filters explained."""

import pytest
from django.urls import reverse

from dashboard.figures import Bar, Figure, Scope, Section, _sections, register_section

URL = reverse("dashboard:index")


@pytest.fixture
def probe(monkeypatch):
    """A section of the test's own that shows the scope it was given."""
    seen: list[Scope] = []

    def figures(scope: Scope) -> list[Figure]:
        seen.append(scope)
        return [Figure("probe", "探针", [Bar("甲", 3, "/x/?a=1"), Bar("乙", 2)], total_url="/x/")]

    monkeypatch.setattr("dashboard.figures._sections", {})
    register_section(Section("probe", "探针区", figures))
    return seen


@pytest.mark.django_db
def test_unit_officers_and_anonymous_users_cannot_open_it(officer_client, client):
    assert officer_client.get(URL).status_code == 404
    assert client.get(URL).status_code == 302


@pytest.mark.django_db
def test_staff_see_the_whole_county_with_numbers_in_a_table_and_links(staff_client, probe):
    page = staff_client.get(URL)
    assert page.status_code == 200
    scope = probe[-1]
    assert not scope.is_leader_view and scope.unit_ids is None and scope.links
    text = page.content.decode()
    assert '<a href="/x/?a=1">3</a>' in text and '<td class="num">2</td>' in text and '<a href="/x/">5</a>' in text
    assert 'id="chart-data-probe"' in text and "vendor/chartjs/chart.umd.min.js" in text


@pytest.mark.django_db
def test_a_county_leader_sees_the_units_of_the_tasks_they_own(county_leader_client, county_leader_user, probe):
    from tests.factories import TaskFactory, UnitFactory

    person = county_leader_user.person
    own = TaskFactory(owner=person, co_units=[UnitFactory(name="协办局")])
    TaskFactory()  # somebody else's
    page = county_leader_client.get(URL)
    assert page.status_code == 200 and "我的责任驾驶舱" in page.content.decode()
    scope = probe[-1]
    assert scope.owner_id == person.pk and not scope.links
    assert scope.unit_ids == {own.lead_unit_id, *own.co_units.values_list("pk", flat=True)}


@pytest.mark.django_db
def test_filters_narrow_the_period_and_bad_ones_are_explained(staff_client, probe, township_a):
    staff_client.get(URL, {"year": "2025", "month": "2", "unit": township_a.pk})
    scope = probe[-1]
    assert (scope.start.isoformat(), scope.end.isoformat(), scope.unit_id) == (
        "2025-02-01",
        "2025-02-28",
        township_a.pk,
    )
    page = staff_client.get(URL, {"year": "1999", "month": "13"})
    text = page.content.decode()
    assert page.status_code == 200 and "请选择2016年至" in text and "请选择1至12月，或全年。" in text
    assert probe[-1].month is None  # fell back to this year


@pytest.mark.django_db
def test_a_leader_cannot_filter_to_a_unit_outside_their_tasks(county_leader_client, probe, township_b):
    page = county_leader_client.get(URL, {"unit": township_b.pk})
    assert "所选单位不存在或不在您的查看范围内。" in page.content.decode()
    assert probe[-1].unit_id is None


def test_sections_registered_by_the_domain_modules():
    assert {"responsibility", "cases", "inspections", "rectification"} <= set(_sections)


@pytest.mark.django_db
def test_the_whole_page_costs_the_same_queries_whatever_the_data(staff_client, township_a):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import TaskFactory

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(URL).status_code == 200
        return len(captured)

    TaskFactory(lead_unit=township_a)
    few = queries()
    for _ in range(15):
        TaskFactory(co_units=[township_a])
    assert queries() == few
