"""Acceptance and 立行立改: the unit requests, the commission passes (销号) or returns; every move legal and illegal."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from common.transitions import TransitionNotAllowed
from rectification.models import Acceptance, Evaluation, Problem, Progress
from rectification.services_progress import acceptance_decide, acceptance_request, problem_fix_at_once
from tests.factories import client_for
from tests.rectification.progress_helpers import problem_in, reviewer, status_of

S = Problem.Status
ALL = list(S)


def _post(client, name, problem, data=None):
    return client.post(reverse(f"rectification:{name}", args=[problem.pk]), data or {})


def _followed(client, response) -> str:
    return client.get(response.url).text


def test_the_unit_cannot_decide_or_fix_and_staff_cannot_request(township_a, officer_client, staff_client):
    requested, pending = problem_in(township_a, S.ACCEPTANCE_REQUESTED), problem_in(township_a)
    assert _post(officer_client, "acceptance-decide", requested, {"passed": "1"}).status_code == 404
    assert _post(officer_client, "fix-at-once", pending, {"note": "自行认定"}).status_code == 404
    in_progress = problem_in(township_a, S.IN_PROGRESS)
    assert _post(staff_client, "acceptance-request", in_progress).status_code == 404
    statuses = [status_of(p) for p in (requested, pending, in_progress)]
    assert statuses == [S.ACCEPTANCE_REQUESTED, S.PENDING, S.IN_PROGRESS]


def test_other_units_officer_and_leaders_get_404(township_a, other_officer_user, county_leader_client):
    problem = problem_in(township_a, S.IN_PROGRESS)
    for who in (client_for(other_officer_user), county_leader_client):
        assert _post(who, "acceptance-request", problem).status_code == 404
        assert _post(who, "fix-at-once", problem, {"note": "x"}).status_code == 404
    assert status_of(problem) == S.IN_PROGRESS and not Acceptance.objects.exists()


def test_request_return_request_pass_closes_the_item(township_a, officer_client, staff_client):
    problem = problem_in(township_a, S.IN_PROGRESS)
    response = _post(officer_client, "acceptance-request", problem, {"note": "公开栏已全部更新"})
    assert "已申请验收" in _followed(officer_client, response) and status_of(problem) == S.ACCEPTANCE_REQUESTED

    detail = reverse("rectification:problem-detail", args=[problem.pk])
    assert reverse("rectification:acceptance-decide", args=[problem.pk]) in staff_client.get(detail).text
    response = _post(staff_client, "acceptance-decide", problem, {"passed": "0", "comments": "缺少照片"})
    assert "验收结果已登记。" in _followed(staff_client, response) and status_of(problem) == S.IN_PROGRESS

    _post(officer_client, "acceptance-request", problem, {"note": "已补充照片"})
    _post(staff_client, "acceptance-decide", problem, {"passed": "1", "comments": ""})
    assert status_of(problem) == S.CLOSED
    returned, passed = Acceptance.objects.order_by("requested_at", "id")
    assert returned.result == Acceptance.Result.RETURNED and returned.comments.startswith("缺少照片")
    assert passed.result == Acceptance.Result.PASSED and passed.comments == "整改评议：尚无评议人员评分。"
    assert "验收通过" in officer_client.get(detail).text


def test_request_while_pending_is_refused_with_a_message(township_a, officer_client):
    problem = problem_in(township_a)
    response = _post(officer_client, "acceptance-request", problem)
    assert "当前状态为“待整改”，不能申请验收。" in _followed(officer_client, response)
    assert status_of(problem) == S.PENDING and not Acceptance.objects.exists()


def test_return_without_comments_is_refused_and_nothing_saved(township_a, staff_client):
    problem = problem_in(township_a, S.ACCEPTANCE_REQUESTED)
    response = _post(staff_client, "acceptance-decide", problem, {"passed": "0", "comments": " "})
    assert "退回整改时必须填写验收意见。" in _followed(staff_client, response)
    assert status_of(problem) == S.ACCEPTANCE_REQUESTED and Acceptance.objects.get().result == ""


def test_decision_shows_and_records_the_scores(township_a, staff_user, staff_client):
    problem = problem_in(township_a, S.ACCEPTANCE_REQUESTED)
    for name, score in (("r1", 90), ("r2", 75)):
        Evaluation.objects.create(problem=problem, reviewer=reviewer(name), score=score)
    page = staff_client.get(reverse("rectification:problem-detail", args=[problem.pk])).text
    assert "2 人评分，平均 <strong>82.5</strong> 分" in page
    decision = acceptance_decide(problem=problem, user=staff_user, passed=True, comments="整改到位")
    assert decision.comments == "整改到位\n整改评议：2 人评分，平均 82.5 分。"


def test_fix_at_once_needs_a_note_and_is_recorded_as_progress(township_a, staff_client, officer_client):
    problem = problem_in(township_a)
    refused = _post(staff_client, "fix-at-once", problem, {"note": ""})
    assert "请填写立行立改情况说明。" in _followed(staff_client, refused)
    assert status_of(problem) == S.PENDING and not Progress.objects.exists()
    response = _post(staff_client, "fix-at-once", problem, {"note": "当场更换公开栏内容"})
    assert "已认定为立行立改。" in _followed(staff_client, response) and status_of(problem) == S.FIXED_AT_ONCE
    assert Progress.objects.get().text == "【立行立改】当场更换公开栏内容"
    detail = officer_client.get(reverse("rectification:problem-detail", args=[problem.pk])).text
    assert reverse("rectification:progress-file", args=[problem.pk]) not in detail


# --- every move of the table, legal and illegal, through the services ----------------------------------------------

MOVES = {
    "request": ({S.IN_PROGRESS}, lambda p, u: acceptance_request(problem=p, user=u)),
    "pass": ({S.ACCEPTANCE_REQUESTED}, lambda p, u: acceptance_decide(problem=p, user=u, passed=True, comments="")),
    "return": (
        {S.ACCEPTANCE_REQUESTED},
        lambda p, u: acceptance_decide(problem=p, user=u, passed=False, comments="退回"),
    ),
    "fix": ({S.PENDING, S.IN_PROGRESS}, lambda p, u: problem_fix_at_once(problem=p, user=u, note="当场整改")),
}
TARGET = {"request": S.ACCEPTANCE_REQUESTED, "pass": S.CLOSED, "return": S.IN_PROGRESS, "fix": S.FIXED_AT_ONCE}


@pytest.mark.parametrize("status", ALL)
@pytest.mark.parametrize("move", list(MOVES))
def test_every_move_from_every_status(township_a, staff_user, move, status):
    legal_from, call = MOVES[move]
    problem = problem_in(township_a, status)
    if status in legal_from:
        call(problem, staff_user)
        assert status_of(problem) == TARGET[move]
    else:
        with pytest.raises(TransitionNotAllowed, match="当前状态为"):
            call(problem, staff_user)
        assert status_of(problem) == status


def test_return_needs_comments_in_the_service(township_a, staff_user):
    problem = problem_in(township_a, S.ACCEPTANCE_REQUESTED)
    with pytest.raises(ValidationError):
        acceptance_decide(problem=problem, user=staff_user, passed=False, comments="")
    assert status_of(problem) == S.ACCEPTANCE_REQUESTED
