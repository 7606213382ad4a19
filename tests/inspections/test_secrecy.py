"""Plans are secret: units never see a plan or a finding; another team sees a plan only once it is done."""

import pytest
from django.urls import reverse

from inspections.models import Plan
from tests.inspections.factories import FindingFactory, PlanFactory
from tests.inspections.media import finding_post, jpeg


def _pages(plan, finding):
    return [
        reverse("inspections:plan-list"),
        reverse("inspections:finding-list"),
        reverse("inspections:plan-detail", args=[plan.pk]),
        reverse("inspections:plan-edit", args=[plan.pk]),
        reverse("inspections:finding-create", args=[plan.pk]),
        reverse("inspections:finding-detail", args=[finding.pk]),
    ]


@pytest.fixture
def finding_a(plan_a, township_a, inspector_a):
    return FindingFactory(plan=plan_a, unit=township_a, recorded_by=inspector_a)


@pytest.mark.parametrize("status", [Plan.Status.ACTIVE, Plan.Status.DONE])
def test_unit_officer_gets_404_on_every_plan_and_finding_page(officer_client, plan_a, finding_a, status):
    Plan.objects.filter(pk=plan_a.pk).update(status=status)
    for url in _pages(plan_a, finding_a):
        assert officer_client.get(url).status_code == 404, url
    dispose = reverse("inspections:finding-dispose", args=[finding_a.pk])
    assert officer_client.post(dispose, {"disposition": "exposure"}).status_code == 404
    finding_a.refresh_from_db()
    assert finding_a.disposition == ""


def test_unit_officer_is_not_shown_the_inspections_menu(officer_client, plan_a):
    page = officer_client.get(reverse("workbench")).content.decode()
    assert "明察暗访" not in page and reverse("inspections:plan-list") not in page


def test_inspector_of_another_team_gets_404_on_an_active_plan(inspector_b_client, team_b, plan_a, finding_a):
    for url in _pages(plan_a, finding_a)[2:]:
        assert inspector_b_client.get(url).status_code == 404, url
    for url in _pages(plan_a, finding_a)[:2]:
        listed = inspector_b_client.get(url).content.decode()
        assert plan_a.title not in listed and finding_a.place not in listed


def test_inspector_of_another_team_sees_the_plan_once_done(inspector_b_client, team_b, plan_a, finding_a):
    Plan.objects.filter(pk=plan_a.pk).update(status=Plan.Status.DONE)
    assert plan_a.title in inspector_b_client.get(reverse("inspections:plan-list")).content.decode()
    assert inspector_b_client.get(reverse("inspections:plan-detail", args=[plan_a.pk])).status_code == 200
    assert inspector_b_client.get(reverse("inspections:finding-detail", args=[finding_a.pk])).status_code == 200
    # Seeing a done plan is not being on its team: no recording, no disposing.
    assert inspector_b_client.get(reverse("inspections:finding-create", args=[plan_a.pk])).status_code == 404


def test_inspector_sees_own_teams_plans_in_every_status(inspector_a_client, team_a, plan_a):
    planned = PlanFactory(team=team_a, status=Plan.Status.PLANNED, title="尚未开始的暗访")
    listed = inspector_a_client.get(reverse("inspections:plan-list")).content.decode()
    assert plan_a.title in listed and planned.title in listed


def test_team_leader_sees_the_plan(inspector_b_client, team_b):
    plan = PlanFactory(team=team_b, title="第二组暗访")
    assert inspector_b_client.get(reverse("inspections:plan-detail", args=[plan.pk])).status_code == 200


def test_inspector_cannot_manage_plans(inspector_a_client, plan_a):
    assert inspector_a_client.get(reverse("inspections:plan-create")).status_code == 404
    assert inspector_a_client.post(reverse("inspections:plan-move", args=[plan_a.pk, "done"])).status_code == 404
    plan_a.refresh_from_db()
    assert plan_a.status == Plan.Status.ACTIVE


def test_evidence_download_is_scoped(
    client, officer_client, inspector_b_client, team_b, staff_client, plan_a, township_a
):
    response = finding_post(staff_client, plan_a, township_a, files=[jpeg("a.jpg")])
    evidence = plan_a.findings.get().evidence.get()
    url = reverse("inspections:evidence-download", args=[evidence.pk])
    assert response.status_code == 302
    for outsider in (officer_client, inspector_b_client):
        assert outsider.get(url).status_code == 404
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert staff_client.get(url).status_code == 200


def test_inspector_is_shown_the_inspections_menu_but_not_rectification(inspector_a_client):
    page = inspector_a_client.get(reverse("workbench")).content.decode()
    assert reverse("inspections:plan-list") in page and reverse("rectification:problem-list") not in page
