"""一案一建议: a concluded case's recommendation opens a rectification problem the unit sees."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from cases.services.investigations import case_conclude, case_update
from rectification.models import Problem
from tests.cases.test_cases_flow import attach_all, in_review

pytestmark = pytest.mark.django_db


def conclude(case: Case, user, recommendation: str) -> None:
    case_update(case=case, user=user, funds_recovered=Decimal("0"), recommendation=recommendation,
                is_eight_point=True, is_four_winds=True, dual_accountability_of=None)  # fmt: skip
    attach_all(case, user)
    case_conclude(case=case, concluded_on=timezone.localdate(), user=user)


def test_recommendation_opens_a_problem_for_the_accused_unit(staff_user, officer_user, township_a):
    case = in_review(staff_user)
    case.clue.accused_unit = township_a
    case.clue.save()
    conclude(case, staff_user, "建议完善公务接待审批和报销制度。")
    problem = Problem.objects.get()
    assert (problem.unit, problem.source, problem.source_id) == (township_a, "case", case.pk)
    assert problem.description == "建议完善公务接待审批和报销制度。"
    client = Client()
    client.force_login(officer_user)
    assert problem.title in client.get(reverse("rectification:problem-list")).text


def test_no_recommendation_or_no_unit_opens_nothing(staff_user, township_a):
    conclude(in_review(staff_user), staff_user, "")
    conclude(in_review(staff_user), staff_user, "建议加强教育。")  # the clue names no unit
    assert not Problem.objects.exists()
