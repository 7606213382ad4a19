"""A unit's rectification items: its officers see their own unit's, others none; the commission sees all."""

import pytest
from django.test import Client
from django.urls import reverse

from rectification.models import Problem
from rectification.services import problem_create
from tests.factories import UnitFactory


def _problem(unit, title="窗口服务态度差") -> Problem:
    return problem_create(unit=unit, title=title, description="群众反映窗口办事推诿", source="survey")


def test_other_units_officer_and_inspectors_get_404(client, township_a, other_officer_user, county_leader_client):
    other_officer_client = Client()
    other_officer_client.force_login(other_officer_user)
    problem = _problem(township_a)
    url = reverse("rectification:problem-detail", args=[problem.pk])
    assert other_officer_client.get(url).status_code == 404
    assert county_leader_client.get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the login page


def test_officer_sees_own_units_items(officer_client, township_a, township_b):
    own, other = _problem(township_a, "甲镇问题"), _problem(township_b, "乙镇问题")
    page = officer_client.get(reverse("rectification:problem-list")).content.decode()
    assert own.title in page and other.title not in page
    assert officer_client.get(reverse("rectification:problem-detail", args=[own.pk])).status_code == 200


@pytest.mark.parametrize("n", [5, 80])
def test_problem_list_query_count(staff_client, n, django_assert_max_num_queries):
    units = [UnitFactory() for _ in range(4)]
    for i in range(n):
        _problem(units[i % 4], f"问题{i}")
    with django_assert_max_num_queries(6):  # the filter form lists the units once
        response = staff_client.get(reverse("rectification:problem-list"))
    assert len(response.context["page"]) == min(n, 50)
