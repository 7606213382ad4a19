"""Negative scoring and graded warnings: the rule on a hand-made case, the pages, the card and who may see them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rectification import warnings
from rectification.models import Acceptance, Commitment, Problem
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
S = Problem.Status


def problem(unit, days_overdue: int | None, status=S.IN_PROGRESS, title="问题") -> Problem:
    today = timezone.localdate()
    deadline = None if days_overdue is None else today - timedelta(days=days_overdue)
    return Problem.objects.create(
        unit=unit, title=title, description="描述", source="supervision", deadline=deadline, status=status
    )


def returned(p: Problem, days_ago: int = 5) -> Acceptance:
    decided = timezone.now() - timedelta(days=days_ago)
    return Acceptance.objects.create(problem=p, result=Acceptance.Result.RETURNED, decided_at=decided)


def test_levels_follow_the_thresholds():
    assert [warnings.level_of(p)[0] for p in (0, 5, 6, 11, 12, 19, 20, 40)] == [
        "", "", "yellow", "yellow", "orange", "orange", "red", "red"
    ]  # fmt: skip


def test_hand_made_case_scores_overdue_steps_caps_and_returns(township_a):
    problem(township_a, 1, title="超期1天")  # 3
    problem(township_a, 10, title="超期10天")  # 3: a step needs more than 10 days
    problem(township_a, 11, status=S.PENDING, title="超期11天")  # 4
    problem(township_a, 200, title="超期200天")  # 3 + 3 (capped) = 6
    problem(township_a, 0, title="今天到期")  # not overdue yet
    problem(township_a, 50, status=S.ACCEPTANCE_REQUESTED)  # waits for the commission: no points
    problem(township_a, 50, status=S.CLOSED)
    problem(township_a, 50, status=S.FIXED_AT_ONCE)
    problem(township_a, None)  # no deadline
    returned(problem(township_a, None, status=S.CLOSED))  # 2, even if closed since
    returned(problem(township_a, None), days_ago=400)  # out of the window
    (w,) = warnings.unit_warnings(type(township_a).objects.filter(pk=township_a.pk))
    assert (w.overdue, w.overdue_points, w.returned, w.returned_points) == (4, 16, 1, 2)
    assert (w.points, w.level, w.level_label) == (18, "orange", "橙色预警")


def test_commitment_deadline_replaces_the_problems_own(township_a):
    late = problem(township_a, 30)
    Commitment.objects.create(
        problem=late, committer_kind="unit_head", committer_name="张三", published_problem="公开表述",
        measures="措施", deadline=timezone.localdate() + timedelta(days=10), expected_effect="效果",
    )  # fmt: skip
    assert warnings.unit_warnings(type(township_a).objects.filter(pk=township_a.pk)) == []


def test_officer_of_other_unit_gets_404_for_the_card(township_a, other_officer_user, county_leader_client):
    other = Client()
    other.force_login(other_officer_user)
    url = reverse("rectification:warning-card", args=[township_a.pk])
    assert other.get(url).status_code == 404
    assert county_leader_client.get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_others_than_commission_and_officers_see_no_warning(county_leader_client, township_a):
    problem(township_a, 100)
    page = county_leader_client.get(reverse("rectification:warning-list")).content.decode()
    assert "甲镇" not in page


def test_officer_sees_own_units_warning_and_card_only(officer_client, township_a, township_b):
    for _ in range(2):
        problem(township_a, 5)
    problem(township_b, 300, title="乙镇的问题")
    page = officer_client.get(reverse("rectification:warning-list")).content.decode()
    assert "甲镇" in page and "乙镇" not in page and "黄色预警" in page
    card = officer_client.get(reverse("rectification:warning-card", args=[township_a.pk])).content.decode()
    assert "警示卡" in card and "6 分" in card and "超期 5 天" in card and "css/warning_card.css" in card


def test_card_lists_the_problems_behind_the_points(staff_client, township_a):
    for i in range(4):
        problem(township_a, 45, title=f"超期问题{i}")
    returned(problem(township_a, None, title="被退回的问题"))
    response = staff_client.get(reverse("rectification:warning-card", args=[township_a.pk]))
    card = response.content.decode()
    assert response.context["warning"].points == 4 * 6 + 2
    assert "红色预警" in card and "被退回的问题" in card and "超期问题3" in card and "验收退回整改" in card


@pytest.mark.parametrize("n", [3, 30])
def test_warning_list_query_count_and_sorting(staff_client, n, django_assert_max_num_queries):
    units = [UnitFactory() for _ in range(n)]
    for i, unit in enumerate(units):
        for _ in range(i % 5 + 1):
            returned(problem(unit, i * 3))
    with django_assert_max_num_queries(8):
        response = staff_client.get(reverse("rectification:warning-list"))
    rows = response.context["warnings"]
    assert len(rows) == n and [w.points for w in rows] == sorted((w.points for w in rows), reverse=True)
    assert "记分规则" in response.content.decode() and "红色预警 ≥ 20 分" in response.content.decode()
    by_name = staff_client.get(reverse("rectification:warning-list"), {"sort": "unit"}).context["warnings"]
    assert [w.unit.name for w in by_name] == sorted(u.name for u in units)
