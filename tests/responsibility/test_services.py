"""The checklist's rules as the services enforce them: every transition, the derived lagging flag, bad input."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.transitions import TransitionNotAllowed
from files.validators import MAX_UPLOAD_BYTES
from responsibility import selectors, services
from responsibility.models import AcceptanceDecision, Milestone, ProgressAttachment, ProgressReport, Task
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

S = Task.Status
PDF = b"%PDF-1.4 progress evidence"


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def file_report(task, unit, percent, period=date(2026, 5, 1), now=None, **extra):
    return services.progress_report_file(
        task=task, unit=unit, user=None, period=period, text="推进情况", percent=percent,
        now=now or at(date(2026, 5, 20)), **extra,
    )  # fmt: skip


def reload(task) -> Task:
    return Task.objects.get(pk=task.pk)


def close(task, lead_unit, staff_user):
    file_report(task, lead_unit, 100)
    services.task_request_acceptance(task=task, user=None)
    services.task_decide_acceptance(task=task, user=staff_user, passed=True, comments="同意销号")
    return reload(task)


# Transitions ---------------------------------------------------------------------------------


def test_first_report_starts_the_task(task, lead_unit):
    assert task.status == S.NOT_STARTED
    file_report(task, lead_unit, 30)
    task = reload(task)
    assert task.status == S.IN_PROGRESS
    assert task.progress == 30
    assert task.last_report_at == at(date(2026, 5, 20))


def test_co_unit_report_starts_the_task_but_does_not_move_progress(task, co_unit):
    file_report(task, co_unit, 80)
    task = reload(task)
    assert (task.status, task.progress) == (S.IN_PROGRESS, 0)


def test_lead_report_meets_milestones_it_reaches(task, lead_unit):
    file_report(task, lead_unit, 30, now=at(date(2026, 3, 20)), period=date(2026, 3, 1))
    met = dict(Milestone.objects.filter(task=task).values_list("target_percent", "met_on"))
    assert met == {25: date(2026, 3, 20), 100: None}


def test_request_pass_closes_the_task(task, lead_unit, staff_user):
    task = close(task, lead_unit, staff_user)
    assert task.status == S.CLOSED
    assert task.closed_at is not None
    decision = AcceptanceDecision.objects.get(task=task)
    assert (decision.result, decision.reviewer, decision.comments) == ("passed", staff_user, "同意销号")


def test_return_sends_the_task_back_in_progress(task, lead_unit, staff_user):
    file_report(task, lead_unit, 100)
    services.task_request_acceptance(task=task, user=None, note="已完成")
    services.task_decide_acceptance(task=task, user=staff_user, passed=False, comments="佐证材料不全")
    assert reload(task).status == S.IN_PROGRESS
    assert AcceptanceDecision.objects.get(task=task).result == "returned"
    # A returned task may ask again, and that second request is decided on its own.
    services.task_request_acceptance(task=task, user=None)
    services.task_decide_acceptance(task=task, user=staff_user, passed=True, comments="")
    assert list(task.acceptances.order_by("requested_at").values_list("result", flat=True)) == ["returned", "passed"]


def test_acceptance_from_not_started_is_refused(task):
    with pytest.raises(TransitionNotAllowed, match="当前状态为“未启动”，不能申请验收"):
        services.task_request_acceptance(task=task, user=None)
    assert not AcceptanceDecision.objects.exists()


def test_acceptance_below_100_percent_is_refused(task, lead_unit):
    file_report(task, lead_unit, 90)
    with pytest.raises(TransitionNotAllowed, match="达到 100% 后才能申请验收"):
        services.task_request_acceptance(task=task, user=None)
    assert reload(task).status == S.IN_PROGRESS
    assert not AcceptanceDecision.objects.exists()


def test_second_request_while_pending_is_refused(task, lead_unit):
    file_report(task, lead_unit, 100)
    services.task_request_acceptance(task=task, user=None)
    with pytest.raises(TransitionNotAllowed, match="申请验收"):
        services.task_request_acceptance(task=task, user=None)
    assert AcceptanceDecision.objects.count() == 1


@pytest.mark.parametrize("passed", [True, False])
def test_deciding_without_a_request_is_refused(task, lead_unit, staff_user, passed):
    file_report(task, lead_unit, 100)
    with pytest.raises(TransitionNotAllowed):
        services.task_decide_acceptance(task=task, user=staff_user, passed=passed, comments="意见")
    assert reload(task).status == S.IN_PROGRESS


def test_closed_task_cannot_be_decided_or_requested_again(task, lead_unit, staff_user):
    task = close(task, lead_unit, staff_user)
    with pytest.raises(TransitionNotAllowed, match="已验收销号"):
        services.task_decide_acceptance(task=task, user=staff_user, passed=False, comments="重新退回")
    with pytest.raises(TransitionNotAllowed, match="已验收销号"):
        services.task_request_acceptance(task=task, user=None)


def test_return_needs_comments(task, lead_unit, staff_user):
    file_report(task, lead_unit, 100)
    services.task_request_acceptance(task=task, user=None)
    with pytest.raises(ValidationError, match="退回整改时必须填写验收意见"):
        services.task_decide_acceptance(task=task, user=staff_user, passed=False, comments="  ")
    assert reload(task).status == S.ACCEPTANCE_REQUESTED


def test_transition_table_is_exactly_the_issue_path():
    issue_path = {
        (S.NOT_STARTED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.ACCEPTANCE_REQUESTED),
        (S.ACCEPTANCE_REQUESTED, S.CLOSED),
        (S.ACCEPTANCE_REQUESTED, S.IN_PROGRESS),
    }
    assert issue_path == services.TRANSITIONS


# Bad input: refused, nothing half-saved -----------------------------------------------------------


def assert_nothing_saved(task, status=S.NOT_STARTED, progress=0):
    task = reload(task)
    assert (task.status, task.progress, task.last_report_at) == (status, progress, None)
    assert not ProgressReport.objects.exists()
    assert not ProgressAttachment.objects.exists()


def test_report_on_closed_task_is_refused(task, lead_unit, staff_user):
    task = close(task, lead_unit, staff_user)
    with pytest.raises(ValidationError, match="已验收销号，不能再报送进度"):
        file_report(task, lead_unit, 100, period=date(2026, 6, 1), now=at(date(2026, 6, 2)))
    assert ProgressReport.objects.count() == 1


@pytest.mark.parametrize("percent", [101, -1])
def test_percent_outside_0_to_100_is_refused(task, lead_unit, percent):
    with pytest.raises(ValidationError) as error:
        file_report(task, lead_unit, percent)
    assert "percent" in error.value.message_dict
    assert_nothing_saved(task)


def test_database_refuses_progress_over_100_even_past_the_services(task):
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.filter(pk=task.pk).update(progress=101)


def test_report_for_a_future_month_is_refused(task, lead_unit):
    with pytest.raises(ValidationError, match="不能报送未来月份的进度"):
        file_report(task, lead_unit, 10, period=date(2026, 6, 1), now=at(date(2026, 5, 31)))
    assert_nothing_saved(task)


def test_report_by_a_unit_outside_the_task_is_refused(task):
    with pytest.raises(ValidationError, match="只有该任务的牵头单位或协办单位可以报送进度"):
        file_report(task, UnitFactory(name="旁观局"), 10)
    assert_nothing_saved(task)


def test_attachment_of_a_forbidden_type_is_refused(task, lead_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    files = [
        SimpleUploadedFile("ok.pdf", PDF),
        SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"),
    ]
    with pytest.raises(ValidationError, match=r"virus\.pdf.*类型不允许"):
        file_report(task, lead_unit, 10, files=files)
    assert_nothing_saved(task)
    assert not list(tmp_path.rglob("*.pdf"))


def test_attachment_over_the_limit_is_refused_and_names_the_limit(task, lead_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError, match="超过大小限制（单个文件不超过 10 MB，最多 5 个）"):
        file_report(task, lead_unit, 10, files=[big])
    assert_nothing_saved(task)


def test_attachments_are_stored_with_the_report(task, lead_unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = file_report(task, lead_unit, 10, files=[SimpleUploadedFile("会议纪要.pdf", PDF)])
    attachment = report.attachments.get()
    assert (attachment.name, attachment.size) == ("会议纪要.pdf", len(PDF))
    assert attachment.file.read() == PDF


def test_late_report_is_marked_late(task, lead_unit):
    on_time = file_report(task, lead_unit, 10, period=date(2026, 4, 1), now=at(date(2026, 4, 30), 23))
    late = file_report(task, lead_unit, 20, period=date(2026, 4, 1), now=at(date(2026, 5, 1), 9))
    assert (on_time.is_late, late.is_late) == (False, True)


# Supervision notices ------------------------------------------------------------------------------


def issue(task, unit, staff_user, **extra):
    deadline = timezone.localdate()
    return services.notice_issue(
        task=task, unit=unit, content="请说明进度滞后原因", reply_deadline=deadline, user=staff_user, **extra
    )


def test_notice_reply_and_close(task, lead_unit, lead_officer, staff_user):
    notice = issue(task, lead_unit, staff_user)
    services.notice_reply(notice=notice, reply="已召开专题会议，下周完成", user=lead_officer)
    notice = services.notice_close(notice=notice)
    assert notice.reply == "已召开专题会议，下周完成"
    assert notice.replied_by == lead_officer and notice.closed_at is not None


def test_reply_after_close_is_refused(task, lead_unit, lead_officer, staff_user):
    notice = issue(task, lead_unit, staff_user)
    services.notice_reply(notice=notice, reply="第一次回复", user=lead_officer)
    services.notice_close(notice=notice)
    with pytest.raises(ValidationError, match="该督办单已办结，不能再回复"):
        services.notice_reply(notice=notice, reply="补充回复", user=lead_officer)
    notice.refresh_from_db()
    assert notice.reply == "第一次回复"


def test_notice_cannot_close_before_a_reply(task, lead_unit, staff_user):
    notice = issue(task, lead_unit, staff_user)
    with pytest.raises(ValidationError, match="单位尚未回复"):
        services.notice_close(notice=notice)


def test_notice_to_an_unrelated_unit_or_with_a_past_deadline_is_refused(task, lead_unit, staff_user):
    with pytest.raises(ValidationError, match="只能向该任务的牵头单位或协办单位"):
        issue(task, UnitFactory(name="旁观局"), staff_user)
    with pytest.raises(ValidationError, match="回复期限不能早于今天"):
        services.notice_issue(
            task=task, unit=lead_unit, content="督办", reply_deadline=date(2020, 1, 1), user=staff_user
        )


def test_notice_on_a_closed_task_is_refused(task, lead_unit, staff_user):
    task = close(task, lead_unit, staff_user)
    with pytest.raises(ValidationError, match="已验收销号，无需再督办"):
        issue(task, lead_unit, staff_user)


# Lagging, derived --------------------------------------------------------------------------------


def lagging(task, day: date) -> bool:
    return selectors.with_lagging(Task.objects.filter(pk=task.pk), day).get().is_lagging


def report_months(task, units, months):
    for unit in units:
        for month in months:
            file_report(task, unit, 20, period=date(2026, month, 1), now=at(date(2026, month, 20)))


def test_not_lagging_while_every_unit_reports_and_no_milestone_passed(task, lead_unit, co_unit):
    report_months(task, [lead_unit, co_unit], [1])
    assert not lagging(task, date(2026, 2, 10))


def test_missed_monthly_report_of_a_co_unit_makes_the_task_lag(task, lead_unit, co_unit):
    report_months(task, [lead_unit], [1])
    assert lagging(task, date(2026, 2, 10))


def test_overdue_unmet_milestone_makes_the_task_lag(task, lead_unit, co_unit):
    report_months(task, [lead_unit, co_unit], [1, 2, 3])  # 20% by March: the 25% milestone of 31 March is missed
    assert not lagging(task, date(2026, 3, 31))
    assert lagging(task, date(2026, 4, 1))


def test_a_closed_task_never_lags(task, lead_unit, staff_user):
    task = close(task, lead_unit, staff_user)
    Milestone.objects.filter(task=task).update(met_on=None)
    assert not lagging(task, date(2026, 12, 31))


def test_next_milestone_is_the_earliest_unmet(task, lead_unit):
    file_report(task, lead_unit, 30, period=date(2026, 3, 1), now=at(date(2026, 3, 20)))
    row = selectors.with_lagging(Task.objects.filter(pk=task.pk), date(2026, 4, 1)).get()
    assert row.next_milestone == date(2026, 12, 15)
