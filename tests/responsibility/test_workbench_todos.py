"""The checklist's to-dos on the workbench, per role, in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from responsibility import services
from responsibility.models import SupervisionNotice, Task
from responsibility.periods import today
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def workbench(client) -> str:
    return client.get(reverse("workbench")).text


def notice_for(task, unit, staff_user, days: int) -> SupervisionNotice:
    return SupervisionNotice.objects.create(
        task=task, unit=unit, content="请说明", reply_deadline=today() + timedelta(days=days), issued_by=staff_user
    )


def test_officer_is_asked_for_this_months_report_until_filed(task, lead_client, lead_officer, lead_unit):
    report_url = reverse("responsibility:report-file", args=[task.pk])
    html = workbench(lead_client)
    assert f"报送{today().month}月进度：任务{task.number} 公务用车专项排查" in html and report_url in html
    services.progress_report_file(task=task, unit=lead_unit, user=lead_officer, period=today(), text="进展", percent=30)
    assert report_url not in workbench(lead_client)


def test_closed_and_requested_tasks_need_no_report(task, lead_client):
    Task.objects.filter(pk=task.pk).update(status=Task.Status.ACCEPTANCE_REQUESTED)
    assert "暂无待办事项" in workbench(lead_client)


def test_officer_is_asked_to_answer_open_notices_of_their_unit_only(task, lead_unit, co_unit, staff_user,
                                                                    lead_client, co_client):  # fmt: skip
    notice = notice_for(task, lead_unit, staff_user, days=-1)
    reply_url = reverse("responsibility:notice-reply", args=[notice.pk])
    html = workbench(lead_client)
    assert reply_url in html and "（已逾期）" in html
    assert reply_url not in workbench(co_client)
    services.notice_reply(notice=notice, reply="已整改", user=staff_user)
    assert reply_url not in workbench(lead_client)


def test_many_tasks_are_summed_up_after_ten(lead_unit, lead_client):
    for _ in range(13):
        TaskFactory(lead_unit=lead_unit)
    html = workbench(lead_client)
    assert html.count("/report/") == 10 and "另有 3 项任务待报送本月进度" in html


def test_staff_see_acceptance_requests_and_overdue_notices(task, co_unit, staff_user, staff_client):
    Task.objects.filter(pk=task.pk).update(status=Task.Status.ACCEPTANCE_REQUESTED)
    notice_for(task, co_unit, staff_user, days=-2)
    notice_for(task, co_unit, staff_user, days=3)  # not overdue yet
    html = workbench(staff_client)
    assert "1 项任务申请验收，待验收" in html and "?status=acceptance_requested" in html
    assert "1 份督办单逾期未回复" in html and "?state=overdue" in html


def test_leader_sees_lagging_tasks(task, owner_client):
    TaskFactory(title="他人的滞后任务", milestones=[(date(2026, 1, 31), 10)])
    html = workbench(owner_client)
    assert "公务用车专项排查 滞后" in html and "他人的滞后任务" not in html


def test_unrelated_officer_has_nothing_to_do(task, other_client):
    assert "暂无待办事项" in workbench(other_client)


@pytest.mark.parametrize("who", ["lead", "staff", "owner"])
def test_todo_queries_are_fixed(who, task, lead_unit, owner_user, staff_user, request, django_assert_max_num_queries):
    for _ in range(30):
        extra = TaskFactory(lead_unit=lead_unit, owner=owner_user.person, milestones=[(date(2026, 2, 1), 10)])
        notice_for(extra, lead_unit, staff_user, days=-1)
        Task.objects.filter(pk=extra.pk).update(status=Task.Status.IN_PROGRESS)
    client = request.getfixturevalue(f"{who}_client")
    with django_assert_max_num_queries(10):  # the page, the checklist's to-dos and the cases' (for staff)
        assert client.get(reverse("workbench")).status_code == 200
