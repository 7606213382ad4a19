"""Staff register problems for units; the list filters; the page links to what raised the problem for staff only."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orgs.models import Unit
from rectification.models import Problem
from rectification.services import problem_create
from tests.factories import UnitFactory

NEW = reverse("rectification:problem-new")


def _problem(unit, title="窗口服务态度差", **extra) -> Problem:
    return problem_create(unit=unit, title=title, description="群众反映窗口办事推诿", source="survey", **extra)


def _form(unit, **changes) -> dict:
    data = {
        "unit": unit.pk, "title": "村务公开不及时", "description": "三个村的财务公开栏半年未更新",
        "source": "supervision", "level": "office", "is_common": "1",
        "deadline": str(timezone.localdate() + timedelta(days=30)), "internal_note": "线索来自匿名来电",
    }  # fmt: skip
    return {**data, **changes}


def test_only_the_commission_registers_problems(officer_client, county_leader_client, client, township_a):
    for who in (officer_client, county_leader_client):
        assert who.get(NEW).status_code == 404
        assert who.post(NEW, _form(township_a)).status_code == 404
    assert client.get(NEW).status_code == 302  # to the login page
    assert not Problem.objects.exists()


def test_other_units_officer_gets_404_on_the_problem(township_a, other_officer_user):
    other = Client()
    other.force_login(other_officer_user)
    problem = _problem(township_a)
    assert other.get(reverse("rectification:problem-detail", args=[problem.pk])).status_code == 404


def test_deadline_in_the_past_is_refused(staff_client, township_a):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = staff_client.post(NEW, _form(township_a, deadline=str(yesterday)))
    assert response.status_code == 200
    assert "整改时限不能早于今天" in response.content.decode()
    assert not Problem.objects.exists()


def test_only_townships_and_departments_can_be_chosen(staff_client, commission):
    response = staff_client.post(NEW, _form(commission))
    assert response.status_code == 200 and not Problem.objects.exists()


def test_staff_register_a_problem(staff_client, staff_user, township_a):
    response = staff_client.post(NEW, _form(township_a))
    assert response.status_code == 302
    problem = Problem.objects.get()
    assert (problem.unit, problem.level, problem.is_common) == (township_a, "office", True)
    assert problem.source == "supervision"
    assert problem.internal_note == "线索来自匿名来电" and problem.created_by == staff_user
    assert problem.status == Problem.Status.PENDING


def test_internal_note_and_source_link_for_the_commission_only(staff_client, officer_client, township_a):
    problem = _problem(township_a, source_id=7, internal_note="举报人为村会计")
    problem.source = Problem.Source.CASE
    problem.save()
    url = reverse("rectification:problem-detail", args=[problem.pk])
    staff_page = staff_client.get(url).content.decode()
    officer_page = officer_client.get(url).content.decode()
    case_url = reverse("cases:case-detail", args=[7])
    assert "举报人为村会计" in staff_page and case_url in staff_page
    assert "举报人为村会计" not in officer_page and case_url not in officer_page


def test_inspection_source_links_to_the_finding(staff_client, township_a):
    problem = problem_create(unit=township_a, title="t", description="d", source="inspection", source_id=11)
    page = staff_client.get(reverse("rectification:problem-detail", args=[problem.pk])).content.decode()
    assert reverse("inspections:finding-detail", args=[11]) in page


def test_filters_and_search(staff_client, township_a, township_b):
    _problem(township_a, "甲镇食堂超标", level="leadership", is_common=True)
    _problem(township_b, "乙镇公车私用")
    url = reverse("rectification:problem-list")

    def titles(**params):
        return {p.title for p in staff_client.get(url, params).context["page"]}

    assert titles(unit=township_a.pk) == {"甲镇食堂超标"}
    assert titles(level="leadership") == {"甲镇食堂超标"}
    assert titles(is_common="0") == {"乙镇公车私用"}
    assert titles(q="公车") == {"乙镇公车私用"}
    assert titles(status="closed") == set()
    assert titles(source="survey") == {"甲镇食堂超标", "乙镇公车私用"}


def test_officer_cannot_filter_into_another_unit(officer_client, township_a, township_b):
    _problem(township_b, "乙镇公车私用")
    response = officer_client.get(reverse("rectification:problem-list"), {"unit": township_b.pk})
    assert "乙镇公车私用" not in response.content.decode()


@pytest.mark.parametrize("n", [5, 80])
def test_filtered_list_query_count(staff_client, n, django_assert_max_num_queries):
    units = [UnitFactory(kind=Unit.Kind.DEPARTMENT) for _ in range(4)]
    for i in range(n):
        _problem(units[i % 4], f"问题{i}")
    with django_assert_max_num_queries(7):
        response = staff_client.get(reverse("rectification:problem-list"), {"source": "survey", "q": "问题"})
    assert len(response.context["page"]) == min(n, 50)
