"""Daily deadlines: each officer's digest of their unit's items due within 3 working days or overdue, the supervisors'
county summary with the reports' statutory clocks, and the escalation of graded warnings once per level a month.

The days are working days of November 2026: Wednesday 18th (DAY) sees Monday 23rd as the third working day ahead."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from cases.clocks import acceptance_due
from cases.models import Transfer
from common.workdays import working_days_between
from jobs.models import JobRun
from jobs.runner import run_job
from notifications.models import Notification
from orgs.models import Role, Unit
from rectification.models import Commitment, Problem
from responsibility.models import SupervisionNotice, Task
from tests.cases.factories import ReportFactory, TransferFactory
from tests.factories import TaskFactory, UnitFactory, UserFactory, client_for, user_with_role

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 11, 18)
OVERDUE = date(2026, 11, 16)  # two working days before DAY
SOON = date(2026, 11, 23)  # the third working day after DAY
LATER = date(2026, 11, 24)  # the fourth
LABELS = {"milestone": "时间节点", "notice": "督办单", "transfer": "转办线索", "problem": "整改问题"}
PAGES = {
    "milestone": "responsibility:my-tasks",
    "notice": "responsibility:notice-list",
    "transfer": "cases:transfer-list",
    "problem": "rectification:problem-list",
}


@pytest.fixture
def unit(db):
    """A township commission: it receives transfers as well as tasks, notices and problems."""
    return UnitFactory(name="甲镇纪委", kind=Unit.Kind.TOWNSHIP_COMMISSION)


@pytest.fixture
def unit_officer(unit):
    return user_with_role(Role.UNIT_OFFICER, unit, "jiwei_a", name="甲镇纪委联络员")


def make(kind: str, unit: Unit, due: date, *, done: bool = False) -> None:
    """One item of ``kind`` for ``unit`` due on ``due``; ``done`` when its step has been taken."""
    if kind == "milestone":
        task = TaskFactory(lead_unit=unit, milestones=[(due, 50)])
        if done:
            task.milestones.update(met_on=due)
    elif kind == "notice":
        SupervisionNotice.objects.create(
            task=TaskFactory(), unit=unit, content="请说明滞后原因", reply_deadline=due, issued_by=UserFactory(),
            replied_at=timezone.now() if done else None,
        )  # fmt: skip
    elif kind == "transfer":
        TransferFactory(
            to_unit=unit, deadline=due, status=Transfer.Status.ANSWERED if done else Transfer.Status.PENDING
        )
    else:
        status = Problem.Status.ACCEPTANCE_REQUESTED if done else Problem.Status.IN_PROGRESS
        problem(unit, due, status=status)


def problem(unit: Unit, deadline: date, status=Problem.Status.IN_PROGRESS) -> Problem:
    return Problem.objects.create(
        unit=unit, title="窗口服务态度差", description="描述", source="supervision", deadline=deadline, status=status
    )


def run(day: date = DAY) -> int:
    return run_job("daily_deadlines", day=day, trigger=JobRun.Trigger.COMMAND).delivered


def run_command(day: str) -> str:
    out = StringIO()
    call_command("run_job", "daily_deadlines", "--date", day, stdout=out)
    return out.getvalue()


def digests(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, job="daily_deadlines", subject="").order_by("period"))


def warnings_of(user) -> list[str]:
    notices = Notification.objects.filter(recipient=user, job="daily_deadlines", subject__startswith="warning:")
    return list(notices.order_by("pk").values_list("period", "subject"))


@pytest.mark.parametrize("kind", LABELS)
def test_items_due_soon_or_overdue_are_in_the_officers_digest(kind, unit, unit_officer, other_officer_user):
    make(kind, unit, OVERDUE)
    make(kind, unit, SOON)
    make(kind, unit, LATER)
    make(kind, unit, SOON, done=True)
    make(kind, other_officer_user.person.unit, OVERDUE)

    out = run_command("2026-11-18")

    assert out.splitlines()[-1] == "delivered 2"  # one digest for each unit's officer
    (digest,) = digests(unit_officer)
    assert digest.title == "到期提醒：1项即将到期，1项已逾期"
    overdue, soon = digest.body.splitlines()
    assert overdue.startswith(f"【已逾期2个工作日】{LABELS[kind]}：") and overdue.endswith("11月16日")
    assert soon.startswith(f"【3个工作日后到期】{LABELS[kind]}：") and soon.endswith("11月23日")
    assert digest.period == "2026-11-18" and digest.url == reverse(PAGES[kind])
    assert client_for(unit_officer).get(digest.url).status_code == 200
    (others,) = digests(other_officer_user)
    assert others.title == "到期提醒：1项已逾期"


def test_a_milestone_reaches_the_lead_unit_and_the_co_units_of_an_open_task_only(
    unit, unit_officer, officer_user, other_officer_user
):
    TaskFactory(title="农村饮水安全", lead_unit=unit, co_units=[officer_user.person.unit], milestones=[(SOON, 60)])
    closed = TaskFactory(lead_unit=other_officer_user.person.unit, milestones=[(OVERDUE, 60)])
    closed.status = Task.Status.CLOSED
    closed.save()

    assert run() == 2

    for user in (unit_officer, officer_user):
        (digest,) = digests(user)
        assert "农村饮水安全（达到60%），节点日期11月23日" in digest.body
    assert digests(other_officer_user) == []


def test_a_commitment_deadline_replaces_the_problems_own(unit, unit_officer):
    late = problem(unit, OVERDUE)
    Commitment.objects.create(
        problem=late, committer_kind="unit_head", committer_name="张三", published_problem="公开表述",
        measures="措施", deadline=LATER, expected_effect="效果",
    )  # fmt: skip
    assert run() == 0
    assert digests(unit_officer) == []


def test_quarterly_result_of_a_pending_transfer_is_due_at_the_quarters_end(unit, unit_officer):
    TransferFactory(to_unit=unit, deadline=date(2027, 2, 1), clue__number="XS2026-00088")
    TransferFactory(to_unit=unit, deadline=date(2027, 2, 1), result_required=False)
    TransferFactory(to_unit=unit, deadline=date(2027, 2, 1), status=Transfer.Status.ANSWERED)

    assert run(date(2026, 12, 18)) == 0  # the quarter ends more than 3 working days later
    assert run(date(2026, 12, 28)) == 1

    (digest,) = digests(unit_officer)
    assert digest.body == "【3个工作日后到期】季度结果报送：线索XS2026-00088本季度办理结果，报送期限12月31日"


def test_a_second_run_the_same_day_delivers_nothing_and_the_next_day_delivers_again(unit, unit_officer):
    make("notice", unit, SOON)
    assert run() == 1
    assert run() == 0
    assert run(DAY + timedelta(days=1)) == 1
    assert [d.title for d in digests(unit_officer)] == ["到期提醒：1项即将到期"] * 2
    assert digests(unit_officer)[1].body.startswith("【2个工作日后到期】")


def test_a_unit_without_officers_is_skipped_with_its_reason(unit):
    make("problem", unit, OVERDUE)

    assert run() == 0

    record = JobRun.objects.get()
    assert record.skipped == 1 and "甲镇纪委没有可接收提醒的联络员，1项到期事项未提醒" in record.notes


def test_the_schedules_option_widens_the_window(unit, unit_officer):
    make("notice", unit, LATER)
    assert run() == 0
    PeriodicTask.objects.filter(task="daily_deadlines").update(kwargs='{"within_working_days": 4}')
    assert run() == 1


def test_a_mistyped_option_falls_back_to_three_working_days_with_a_note(unit, unit_officer):
    make("notice", unit, SOON)
    PeriodicTask.objects.filter(task="daily_deadlines").update(kwargs='{"within_working_days": "三"}')
    assert run() == 1
    assert "within_working_days='三' 无效" in JobRun.objects.get().notes


def received_working_days_before(day: date, n: int) -> datetime:
    received = day
    while working_days_between(received, day) < n:
        received -= timedelta(days=1)
    return datetime(received.year, received.month, received.day, 10, tzinfo=SHANGHAI)


def test_supervisors_get_the_county_counts_with_the_reports_clocks(
    unit, unit_officer, staff_user, commission_admin_user, officer_user
):
    received = received_working_days_before(DAY, 14)
    ReportFactory(received_at=received, acceptance_due_on=acceptance_due(timezone.localdate(received)))
    ReportFactory(received_at=received, acceptance_due_on=acceptance_due(timezone.localdate(received)),
                  reporter_notified_at=timezone.now(), status="accepted")  # fmt: skip
    make("notice", unit, OVERDUE)
    make("problem", unit, SOON)

    assert run() == 3  # the unit's officer and two supervisors

    for user in (staff_user, commission_admin_user):
        (summary,) = Notification.objects.filter(recipient=user, subject="county")
        assert summary.title == "到期汇总：全县2项已逾期，2项即将到期"
        assert summary.body.splitlines() == [
            "督办单：已逾期1项，3个工作日内到期0项",
            "整改问题：已逾期0项，3个工作日内到期1项",
            "举报受理告知（实名）：已逾期0项，3个工作日内到期1项",
            "举报转交（未作受理决定）：已逾期1项，3个工作日内到期0项",
        ]
        assert summary.url == reverse("cases:due-list")
    assert client_for(staff_user).get(summary.url).status_code == 200
    assert not Notification.objects.filter(recipient__in=[unit_officer, officer_user], subject="county").exists()


def test_a_warning_goes_out_once_per_level_a_month_and_again_when_it_rises(
    unit, unit_officer, staff_user, other_officer_user
):
    for _ in range(2):
        problem(unit, DAY - timedelta(days=1))  # 2 × 3 points: yellow
    yellow = ("2026-11", f"warning:{unit.pk}:yellow")

    run()
    run(DAY + timedelta(days=1))

    assert warnings_of(unit_officer) == warnings_of(staff_user) == [yellow]
    assert warnings_of(other_officer_user) == []
    notice = Notification.objects.filter(recipient=unit_officer, subject=yellow[1]).get()
    assert notice.title == "黄色预警：甲镇纪委（记6分）"
    assert notice.url == reverse("rectification:warning-card", args=[unit.pk])
    assert client_for(unit_officer).get(notice.url).status_code == 200
    assert client_for(other_officer_user).get(notice.url).status_code == 404

    extra = [problem(unit, DAY - timedelta(days=1)) for _ in range(5)]  # 21 points: red
    run(DAY + timedelta(days=2))
    red = ("2026-11", f"warning:{unit.pk}:red")
    assert warnings_of(unit_officer) == warnings_of(staff_user) == [yellow, red]

    Problem.objects.filter(pk__in=[p.pk for p in extra[:3]]).update(status=Problem.Status.CLOSED)  # 12: orange
    run(date(2026, 11, 23))
    assert warnings_of(unit_officer) == [yellow, red]  # a fall is no escalation

    run(date(2026, 12, 1))  # a new month announces the level again
    assert warnings_of(unit_officer)[-1] == ("2026-12", f"warning:{unit.pk}:orange")


def units_with_items(n: int) -> None:
    """``n`` units, each with an officer, every kind of item, and a yellow warning."""
    for _ in range(n):
        unit = UnitFactory(kind=Unit.Kind.TOWNSHIP_COMMISSION)
        user_with_role(Role.UNIT_OFFICER, unit, f"bulk{unit.pk}")
        TaskFactory(lead_unit=unit, co_units=[UnitFactory()], milestones=[(OVERDUE, 50), (SOON, 80)])
        for kind in ("notice", "transfer", "problem"):
            make(kind, unit, OVERDUE)
            make(kind, unit, SOON)
        problem(unit, OVERDUE)
        ReportFactory(received_at=received_working_days_before(DAY, 14), acceptance_due_on=SOON)


def test_the_query_count_does_not_grow_with_units_or_items(staff_user):
    units_with_items(2)
    with CaptureQueriesContext(connection) as two:
        assert run() == 2 + 1 + 2 * 2  # digests, the summary, each unit's warning to its officer and staff
    units_with_items(8)
    with CaptureQueriesContext(connection) as ten:
        assert run(DAY + timedelta(days=1)) == 10 + 1 + 8 * 2
    assert len(ten) == len(two)
