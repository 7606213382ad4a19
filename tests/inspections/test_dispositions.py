"""Each finding ends one way, once: corrected, a rectification notice for the unit, a clue without a reporter, or an
exposure; the finding shows how it ended and links to what it created."""

import pytest
from django.urls import reverse

from cases.models import Clue
from inspections.models import Finding
from rectification.models import Problem
from tests.factories import client_for
from tests.inspections.factories import FindingFactory


@pytest.fixture
def finding(plan_a, township_a, inspector_a):
    return FindingFactory(plan=plan_a, unit=township_a, recorded_by=inspector_a, persons="李某", place="甲镇政府大院")


def _dispose(client, finding, **data):
    return client.post(reverse("inspections:finding-dispose", args=[finding.pk]), data)


def _detail(client, finding) -> str:
    return client.get(reverse("inspections:finding-detail", args=[finding.pk])).content.decode()


def test_inspector_of_another_team_cannot_dispose_even_once_done(inspector_b_client, team_b, finding):
    finding.plan.status = "done"
    finding.plan.save()
    response = _dispose(inspector_b_client, finding, disposition="rectification")
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.disposition == "" and not Problem.objects.exists()


def test_rectification_notice_reaches_the_unit_but_not_the_plan(
    inspector_a_client, staff_client, finding, officer_client, other_officer_client
):
    response = _dispose(
        inspector_a_client, finding, disposition="rectification", deadline="2026-04-30", note="限期整改"
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    problem = Problem.objects.get()
    assert (problem.unit, problem.source, problem.source_id) == (finding.unit, "inspection", finding.pk)
    assert str(problem.deadline) == "2026-04-30" and "甲镇政府大院" in problem.description
    assert (finding.disposition, finding.linked_kind, finding.linked_id) == (
        "rectification",
        "rectification.problem",
        problem.pk,
    )
    assert "下发整改通知" in _detail(inspector_a_client, finding)
    assert reverse("rectification:problem-detail", args=[problem.pk]) in _detail(staff_client, finding)

    listed = officer_client.get(reverse("rectification:problem-list")).content.decode()
    assert problem.title in listed
    page = officer_client.get(reverse("rectification:problem-detail", args=[problem.pk])).content.decode()
    assert "整改通知" in page and "限期整改" in page
    assert finding.plan.title not in listed + page and finding.plan.team.name not in listed + page
    assert officer_client.get(reverse("inspections:finding-detail", args=[finding.pk])).status_code == 404
    assert other_officer_client.get(reverse("rectification:problem-detail", args=[problem.pk])).status_code == 404
    assert problem.title not in other_officer_client.get(reverse("rectification:problem-list")).content.decode()


def test_clue_is_opened_in_cases_without_a_reporter(staff_client, finding):
    finding.category = Finding.Category.CARS
    finding.save()
    assert _dispose(staff_client, finding, disposition="clue", note="疑似公车私用").status_code == 302
    finding.refresh_from_db()
    clue = Clue.objects.get()
    assert (clue.report_id, clue.source_kind, clue.source_id) == (None, "inspection", finding.pk)
    assert (clue.category, clue.accused_name, clue.accused_unit) == ("cars", "李某", finding.unit)
    assert (finding.linked_kind, finding.linked_id) == ("cases.clue", clue.pk)
    assert reverse("cases:clue-detail", args=[clue.pk]) in _detail(staff_client, finding)


def test_inspector_moving_a_clue_sees_no_link_into_cases(inspector_a_client, finding):
    _dispose(inspector_a_client, finding, disposition="clue")
    clue = Clue.objects.get()
    page = _detail(inspector_a_client, finding)
    assert "已移送问题线索" in page and reverse("cases:clue-detail", args=[clue.pk]) not in page


def test_corrected_on_the_spot_needs_a_note(inspector_a_client, finding):
    _dispose(inspector_a_client, finding, disposition="corrected")
    finding.refresh_from_db()
    assert finding.disposition == ""
    _dispose(inspector_a_client, finding, disposition="corrected", note="当场责令停止游戏并批评教育")
    finding.refresh_from_db()
    assert (finding.disposition, finding.linked_kind, finding.linked_id) == ("corrected", "", None)
    assert "当场责令停止游戏" in _detail(inspector_a_client, finding)
    assert not Problem.objects.exists() and not Clue.objects.exists()


def test_exposure_is_recorded_on_the_finding(inspector_a_client, finding):
    _dispose(inspector_a_client, finding, disposition="exposure", note="在全县通报")
    finding.refresh_from_db()
    assert finding.disposition == "exposure" and finding.disposed_at is not None
    assert "通报曝光" in _detail(inspector_a_client, finding)


def test_a_finding_is_disposed_only_once(inspector_a_client, leader_user, finding):
    _dispose(inspector_a_client, finding, disposition="rectification")
    again = _dispose(client_for(leader_user), finding, disposition="clue")
    assert again.status_code == 409 and "不能重复处理" in again.content.decode()
    assert Problem.objects.count() == 1 and not Clue.objects.exists()
    page = _detail(inspector_a_client, finding)
    assert 'name="disposition"' not in page


def test_unknown_disposition_is_refused(inspector_a_client, finding):
    _dispose(inspector_a_client, finding, disposition="bury")
    finding.refresh_from_db()
    assert finding.disposition == ""
