"""Reviewers score finished rectifications, once each; nobody else may, and reviewers see nothing else."""

import pytest
from django.urls import reverse

from orgs.models import Role
from rectification.models import Evaluation, Problem
from rectification.services_progress import evaluation_record
from tests.factories import UnitFactory, client_for
from tests.rectification.progress_helpers import problem_in, reviewer

S = Problem.Status
LIST = reverse("rectification:evaluation-list")


def _url(problem) -> str:
    return reverse("rectification:evaluation-new", args=[problem.pk])


def test_non_reviewers_cannot_evaluate(township_a, staff_client, officer_client, county_leader_client, client):
    problem = problem_in(township_a, S.ACCEPTANCE_REQUESTED)
    plain_inspector = client_for(reviewer("inspector1", Role.INSPECTOR))
    for who in (staff_client, officer_client, county_leader_client, plain_inspector):
        assert who.get(LIST).status_code == 404
        assert who.get(_url(problem)).status_code == 404
        assert who.post(_url(problem), {"score": "90"}).status_code == 404
    assert client.get(LIST).status_code == 302  # to the login page
    assert not Evaluation.objects.exists()


def test_reviewer_sees_only_finished_items_and_not_the_item_page(township_a):
    reviewer_client = client_for(reviewer())
    for status in (S.PENDING, S.IN_PROGRESS, S.FIXED_AT_ONCE):
        unfinished = problem_in(township_a, status)
        assert reviewer_client.get(_url(unfinished)).status_code == 404
    finished = problem_in(township_a, S.CLOSED, title="已销号的问题")
    assert reviewer_client.get(reverse("rectification:problem-detail", args=[finished.pk])).status_code == 404
    listing = reviewer_client.get(LIST).text
    assert "已销号的问题" in listing and "村务公开不及时" not in listing


def test_invited_supervisor_scores_once_and_a_second_score_is_refused(township_a):
    supervisor = reviewer("supervisor1", Role.INSPECTOR, is_invited_supervisor=True)
    supervisor_client = client_for(supervisor)
    problem = problem_in(township_a, S.ACCEPTANCE_REQUESTED)
    response = supervisor_client.post(_url(problem), {"score": "88", "comment": "整改扎实"})
    assert response.status_code == 302 and response.url == LIST
    assert "村务公开不及时" not in supervisor_client.get(LIST).text  # scored: no longer awaiting
    again = supervisor_client.post(_url(problem), {"score": "60"})
    assert again.status_code == 200 and "每位评议人员只能评一次" in again.text
    assert list(Evaluation.objects.values_list("reviewer", "score")) == [(supervisor.pk, 88)]
    assert "评分：88 分" in supervisor_client.get(_url(problem)).text


@pytest.mark.parametrize("score", ["-1", "101", "九十"])
def test_score_out_of_range_is_refused(township_a, score):
    problem = problem_in(township_a, S.CLOSED)
    response = client_for(reviewer()).post(_url(problem), {"score": score})
    assert response.status_code == 200 and not Evaluation.objects.exists()


def test_service_refuses_an_unfinished_item_and_a_bad_score(township_a):
    from django.core.exceptions import ValidationError

    user = reviewer()
    with pytest.raises(ValidationError, match="申请验收后才能评议"):
        evaluation_record(problem=problem_in(township_a, S.IN_PROGRESS), reviewer=user, score=80)
    with pytest.raises(ValidationError):
        evaluation_record(problem=problem_in(township_a, S.CLOSED), reviewer=user, score=101)
    assert not Evaluation.objects.exists()


def test_two_reviewers_each_score(township_a):
    problem = problem_in(township_a, S.CLOSED)
    for name, score in (("r1", 70), ("r2", 80)):
        evaluation_record(problem=problem, reviewer=reviewer(name), score=score)
    assert Evaluation.objects.filter(problem=problem).count() == 2


@pytest.mark.parametrize("n", [4, 60])
def test_evaluation_list_query_count(db, n, django_assert_max_num_queries):
    user = reviewer()
    units = [UnitFactory() for _ in range(4)]
    problems = [problem_in(units[i % 4], S.CLOSED if i % 2 else S.ACCEPTANCE_REQUESTED, f"问题{i}") for i in range(n)]
    evaluation_record(problem=problems[0], reviewer=user, score=90)
    reviewer_client = client_for(user)
    with django_assert_max_num_queries(8):
        response = reviewer_client.get(LIST)
    assert len(response.context["page"]) == min(n - 1, 50)
