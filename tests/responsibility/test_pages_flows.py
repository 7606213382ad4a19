"""Supervision notices and acceptance through the pages: who may act, each step, and the refusals."""

from datetime import timedelta

import pytest
from django.urls import reverse

from responsibility.models import AcceptanceDecision, SupervisionNotice, Task
from responsibility.periods import today

pytestmark = pytest.mark.django_db


def follow_messages(client, response) -> str:
    return client.get(response.url).text


# --- supervision notices ------------------------------------------------------------------------------------------


@pytest.fixture
def notice(task, lead_unit, staff_user):
    return SupervisionNotice.objects.create(
        task=task, unit=lead_unit, content="三月节点未完成，请说明原因",
        reply_deadline=today() + timedelta(days=5), issued_by=staff_user,
    )  # fmt: skip


def test_notice_issue_reply_close_and_no_reply_after_closing(task, lead_unit, staff_client, lead_client):
    deadline = today() + timedelta(days=7)
    response = staff_client.post(
        reverse("responsibility:notice-issue", args=[task.pk]),
        {"unit": lead_unit.pk, "content": "请于一周内说明滞后原因", "reply_deadline": deadline.isoformat()},
    )
    assert response.status_code == 302 and "督办单已发出。" in follow_messages(staff_client, response)
    notice = SupervisionNotice.objects.get()

    listing = lead_client.get(reverse("responsibility:notice-list")).text
    reply_url = reverse("responsibility:notice-reply", args=[notice.pk])
    assert "请于一周内说明滞后原因" in listing and reply_url in listing
    assert reply_url in lead_client.get(reverse("responsibility:my-tasks")).text

    response = lead_client.post(reply_url, {"reply": "已制定整改计划，月底前完成"})
    assert response.status_code == 302 and "回复已提交。" in follow_messages(lead_client, response)

    close_url = reverse("responsibility:notice-close", args=[notice.pk])
    assert close_url in staff_client.get(reverse("responsibility:notice-list")).text
    response = staff_client.post(close_url)
    assert "督办单已办结。" in follow_messages(staff_client, response)

    refused = lead_client.post(reply_url, {"reply": "再补充一句"})
    assert refused.status_code == 200 and "不能再回复" in refused.text
    notice.refresh_from_db()
    assert notice.closed_at and notice.reply == "已制定整改计划，月底前完成"


def test_notice_issue_refuses_a_past_deadline_and_a_foreign_unit(task, other_unit, lead_unit, staff_client):
    url = reverse("responsibility:notice-issue", args=[task.pk])
    past = staff_client.post(url, {"unit": lead_unit.pk, "content": "x", "reply_deadline": "2020-01-01"}).text
    assert "回复期限不能早于今天。" in past
    foreign = staff_client.post(url, {"unit": other_unit.pk, "content": "x", "reply_deadline": "2099-01-01"}).text
    assert "选择一个有效的选项" in foreign
    assert not SupervisionNotice.objects.exists()


def test_officer_of_another_unit_cannot_reply(notice, co_client, other_client, staff_client):
    url = reverse("responsibility:notice-reply", args=[notice.pk])
    for client in (co_client, other_client, staff_client):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reply": "冒名回复"}).status_code == 404
    notice.refresh_from_db()
    assert notice.reply == ""


def test_staff_cannot_close_an_unanswered_notice_and_officers_cannot_close_at_all(notice, staff_client, lead_client):
    url = reverse("responsibility:notice-close", args=[notice.pk])
    assert lead_client.post(url).status_code == 404
    assert "单位尚未回复，不能办结。" in follow_messages(staff_client, staff_client.post(url))
    notice.refresh_from_db()
    assert notice.closed_at is None


def test_notice_list_states_show_unanswered_and_overdue(notice, task, co_unit, staff_user, staff_client):
    overdue = SupervisionNotice.objects.create(
        task=task, unit=co_unit, content="逾期未回复的督办", reply_deadline=today() - timedelta(days=1),
        issued_by=staff_user,
    )  # fmt: skip
    url = reverse("responsibility:notice-list")
    html = staff_client.get(url, {"state": "overdue"}).text
    assert "逾期未回复的督办" in html and "三月节点未完成" not in html and "已逾期" in html
    unanswered = staff_client.get(url, {"state": "unanswered"}).text
    assert "逾期未回复的督办" in unanswered and "三月节点未完成" in unanswered
    overdue.closed_at = overdue.issued_at
    overdue.save()
    assert "逾期未回复的督办" not in staff_client.get(url).text  # open only by default
    assert "逾期未回复的督办" in staff_client.get(url, {"state": "all"}).text


def test_notice_answered_offline_is_listed_without_a_replier(notice, staff_client):
    """A reply entered from the paper record has no account behind it; the list still shows it."""
    SupervisionNotice.objects.filter(pk=notice.pk).update(reply="书面回复已收到", replied_at=notice.issued_at)
    response = staff_client.get(reverse("responsibility:notice-list"), {"state": "all"})
    assert response.status_code == 200
    assert "书面回复已收到" in response.text


def test_notice_list_is_scoped_to_the_officers_unit(notice, co_client):
    assert "三月节点未完成" not in co_client.get(reverse("responsibility:notice-list")).text


# --- acceptance ---------------------------------------------------------------------------------------------------


@pytest.fixture
def finished(task):
    Task.objects.filter(pk=task.pk).update(status=Task.Status.IN_PROGRESS, progress=100)
    return task


def request_acceptance(client, task):
    return client.post(reverse("responsibility:acceptance-request", args=[task.pk]), {"note": "已全部完成"})


def decide(client, task, passed: str, comments: str = ""):
    return client.post(
        reverse("responsibility:acceptance-decide", args=[task.pk]), {"passed": passed, "comments": comments}
    )


def test_co_unit_cannot_request_acceptance(finished, co_client):
    assert request_acceptance(co_client, finished).status_code == 404
    finished.refresh_from_db()
    assert finished.status == Task.Status.IN_PROGRESS and not AcceptanceDecision.objects.exists()


def test_acceptance_before_full_progress_is_refused(task, lead_client):
    Task.objects.filter(pk=task.pk).update(status=Task.Status.IN_PROGRESS, progress=80)
    response = request_acceptance(lead_client, task)
    assert "达到 100% 后才能申请验收" in follow_messages(lead_client, response)
    task.refresh_from_db()
    assert task.status == Task.Status.IN_PROGRESS and not AcceptanceDecision.objects.exists()


def test_request_return_with_comments_then_pass(finished, lead_client, staff_client):
    response = request_acceptance(lead_client, finished)
    assert "已申请验收" in follow_messages(lead_client, response)
    finished.refresh_from_db()
    assert finished.status == Task.Status.ACCEPTANCE_REQUESTED

    refused = decide(staff_client, finished, "0")
    assert "退回整改时必须填写验收意见。" in follow_messages(staff_client, refused)
    finished.refresh_from_db()
    assert finished.status == Task.Status.ACCEPTANCE_REQUESTED

    decide(staff_client, finished, "0", "台账资料不全")
    finished.refresh_from_db()
    assert finished.status == Task.Status.IN_PROGRESS
    page = staff_client.get(reverse("responsibility:task-detail", args=[finished.pk])).text
    assert "退回整改" in page and "台账资料不全" in page

    request_acceptance(lead_client, finished)
    response = decide(staff_client, finished, "1", "资料齐全")
    assert "验收结果已登记。" in follow_messages(staff_client, response)
    finished.refresh_from_db()
    assert finished.status == Task.Status.CLOSED and finished.closed_at
    assert list(AcceptanceDecision.objects.order_by("requested_at").values_list("result", flat=True)) == [
        "returned",
        "passed",
    ]


def test_non_staff_deciding_acceptance_get_404(finished, lead_client, owner_client, staff_client):
    request_acceptance(lead_client, finished)
    for client in (lead_client, owner_client):
        assert decide(client, finished, "1", "自己验收").status_code == 404
    finished.refresh_from_db()
    assert finished.status == Task.Status.ACCEPTANCE_REQUESTED


def test_deciding_without_a_request_is_refused(finished, staff_client):
    response = decide(staff_client, finished, "1", "直接销号")
    assert "不能验收销号" in follow_messages(staff_client, response)
    finished.refresh_from_db()
    assert finished.status == Task.Status.IN_PROGRESS
