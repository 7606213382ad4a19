"""Plans: drawn up and edited by the commission, period in order, checkpoint known, status planned → active → done."""

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Plan
from tests.inspections.factories import PlanFactory


def _data(team, **overrides) -> dict:
    data = {
        "title": "端午节期间违规吃喝暗访",
        "themes": "违规吃喝、公车私用",
        "team": team.pk,
        "starts_on": "2026-06-15",
        "ends_on": "2026-06-22",
        "target_places": "城区酒店、农家乐",
        "checkpoint": "",
    }
    return {**data, **overrides}


def test_staff_draws_up_a_plan(staff_client, staff_user, team_a, township_a, township_b):
    data = _data(team_a, target_units=[township_a.pk, township_b.pk])
    response = staff_client.post(reverse("inspections:plan-create"), data)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.team, plan.status, plan.created_by) == (team_a, Plan.Status.PLANNED, staff_user)
    assert set(plan.target_units.all()) == {township_a, township_b}


def test_period_ending_before_it_starts_is_refused(staff_client, team_a):
    response = staff_client.post(reverse("inspections:plan-create"), _data(team_a, ends_on="2026-06-01"))
    assert "结束日期不能早于开始日期。" in response.content.decode()
    assert not Plan.objects.exists()


def test_checkpoint_must_be_known(staff_client, team_a):
    response = staff_client.post(reverse("inspections:plan-create"), _data(team_a, checkpoint="2026-halloween"))
    assert response.status_code == 200 and not Plan.objects.exists()


def test_plan_with_a_checkpoint(staff_client, team_a):
    key = f"{timezone.localdate().year}-dragon_boat"
    assert staff_client.post(reverse("inspections:plan-create"), _data(team_a, checkpoint=key)).status_code == 302
    assert Plan.objects.get().checkpoint == key


def test_staff_edits_a_plan_but_not_once_done(staff_client, team_a):
    plan = PlanFactory(team=team_a, status=Plan.Status.ACTIVE)
    url = reverse("inspections:plan-edit", args=[plan.pk])
    assert staff_client.post(url, _data(team_a, title="改后的主题")).status_code == 302
    plan.refresh_from_db()
    assert plan.title == "改后的主题" and plan.status == Plan.Status.ACTIVE
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DONE)
    assert "计划已完成，不能再修改。" in staff_client.post(url, _data(team_a, title="再改")).content.decode()


def test_status_moves_planned_active_done(staff_client, team_a):
    plan = PlanFactory(team=team_a, status=Plan.Status.PLANNED)

    def move(to):
        staff_client.post(reverse("inspections:plan-move", args=[plan.pk, to]))
        plan.refresh_from_db()
        return plan.status

    assert move("done") == Plan.Status.PLANNED  # no skipping the inspection itself
    assert move("active") == Plan.Status.ACTIVE
    assert move("done") == Plan.Status.DONE and plan.done_at is not None
    assert move("active") == Plan.Status.DONE


@pytest.mark.parametrize("status", ["planned", "active"])
def test_plan_detail_shows_its_findings_and_actions(staff_client, team_a, status):
    plan = PlanFactory(team=team_a, status=status)
    page = staff_client.get(reverse("inspections:plan-detail", args=[plan.pk])).content.decode()
    assert plan.title in page and team_a.name in page
    assert (reverse("inspections:finding-create", args=[plan.pk]) in page) == (status == "active")
