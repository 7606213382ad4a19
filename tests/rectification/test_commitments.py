"""A unit's officer (or staff) enters the commitment for its problem; staff publish it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rectification.models import Commitment, Problem
from rectification.services import problem_create


@pytest.fixture
def problem(township_a):
    return problem_create(unit=township_a, title="窗口服务态度差", description="群众反映推诿", source="survey")


def _url(problem, publish=False):
    name = "commitment-publish" if publish else "commitment-edit"
    return reverse(f"rectification:{name}", args=[problem.pk])


def _form(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "committer_kind": "unit_head", "committer_name": "王镇长", "committer_position": "镇长",
        "published_problem": "便民服务窗口服务态度有待改进", "measures": "开展作风整顿，设立评价器",
        "deadline": str(today + timedelta(days=60)), "expected_effect": "群众满意度明显提升",
        "signed_on": str(today),
    }  # fmt: skip
    return {**data, **changes}


def test_other_units_officer_gets_404(problem, other_officer_user, county_leader_client):
    other = Client()
    other.force_login(other_officer_user)
    for who in (other, county_leader_client):
        assert who.get(_url(problem)).status_code == 404
        assert who.post(_url(problem), _form()).status_code == 404
    assert not Commitment.objects.exists()


def test_only_staff_publish(problem, officer_client, officer_user):
    officer_client.post(_url(problem), _form())
    assert officer_client.post(_url(problem, publish=True)).status_code == 404
    assert not Commitment.objects.get().is_published


def test_publish_needs_post(problem, staff_client):
    staff_client.post(_url(problem), _form())
    assert staff_client.get(_url(problem, publish=True)).status_code == 405


def test_deadline_in_the_past_is_refused(problem, officer_client):
    response = officer_client.post(_url(problem), _form(deadline=str(timezone.localdate() - timedelta(days=1))))
    assert "承诺时限不能早于今天" in response.content.decode()
    assert not Commitment.objects.exists()


def test_signature_in_the_future_is_refused(problem, officer_client):
    response = officer_client.post(_url(problem), _form(signed_on=str(timezone.localdate() + timedelta(days=1))))
    assert "签字日期不能晚于今天" in response.content.decode()
    assert not Commitment.objects.exists()


def test_officer_enters_and_edits_staff_publish(problem, officer_client, officer_user, staff_client):
    assert officer_client.post(_url(problem), _form()).status_code == 302
    assert officer_client.post(_url(problem), _form(measures="新的措施")).status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.measures, commitment.entered_by, commitment.is_published) == ("新的措施", officer_user, False)
    problem.refresh_from_db()
    assert problem.status == Problem.Status.PENDING  # the status moves with progress, not with the commitment
    assert staff_client.post(_url(problem, publish=True)).status_code == 302
    commitment.refresh_from_db()
    assert commitment.is_published and commitment.published_at is not None


def test_published_commitment_cannot_change(problem, officer_client, staff_client):
    officer_client.post(_url(problem), _form())
    staff_client.post(_url(problem, publish=True))
    response = officer_client.post(_url(problem), _form(measures="偷偷改掉"))
    assert "承诺已公开，不能再修改" in response.content.decode()
    assert Commitment.objects.get().measures == "开展作风整顿，设立评价器"


def test_unsigned_commitment_is_not_published(problem, staff_client):
    staff_client.post(_url(problem), _form(signed_on=""))
    response = staff_client.post(_url(problem, publish=True), follow=True)
    assert "尚未签字" in response.content.decode()
    assert not Commitment.objects.get().is_published


def test_no_commitment_for_a_closed_problem(problem, officer_client):
    Problem.objects.filter(pk=problem.pk).update(status=Problem.Status.CLOSED)
    response = officer_client.post(_url(problem), _form())
    assert "无需填报整改承诺" in response.content.decode()
    assert not Commitment.objects.exists()


def test_detail_shows_the_commitment(problem, officer_client):
    officer_client.post(_url(problem), _form())
    page = officer_client.get(reverse("rectification:problem-detail", args=[problem.pk])).content.decode()
    assert "开展作风整顿，设立评价器" in page and "公开承诺</button>" not in page
