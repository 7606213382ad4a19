"""The monthly jobs through ``run_job``: the progress reminder (who, once, which tasks, fixed queries), and the
ranking and statistics documents on hand-made months."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from documents.models import Document
from jobs.models import JobRun
from jobs.runner import run_job
from notifications.models import Notification
from orgs.models import Role, Unit
from responsibility.models import Milestone, ProgressReport, Task
from tests.cases.factories import CaseFactory, ClueFactory
from tests.factories import PersonFactory, TaskFactory, UnitFactory, user_with_role
from tests.jobs.commands import run

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
REMINDER = "monthly_progress_reminder"
OCTOBER = date(2026, 10, 1)


def report(task: Task, unit: Unit, month: date = OCTOBER, **fields) -> ProgressReport:
    return ProgressReport.objects.create(task=task, unit=unit, period=month, text="按计划推进", percent=50, **fields)


def inbox(user, job: str = REMINDER) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, job=job).order_by("period"))


@pytest.fixture
def task(township_a, township_b) -> Task:
    """Led by 甲镇 with 乙镇 as co-unit, begun in January."""
    return TaskFactory(number=12, title="整治违规吃喝", lead_unit=township_a, co_units=[township_b])


# The progress reminder -----------------------------------------------------------------------------------------


def test_only_officers_of_units_missing_the_report_are_reminded(task, township_a, officer_user, other_officer_user):
    second_b_officer = user_with_role(Role.UNIT_OFFICER, task.co_units.get(), "officer_b2")
    report(task, township_a)

    assert run(REMINDER, "2026-10-25")[-1] == "delivered 2"

    assert inbox(officer_user) == []
    for user in (other_officer_user, second_b_officer):
        [reminder] = inbox(user)
        assert reminder.period == "2026-10" and reminder.subject == ""
        assert reminder.title == "请于10月31日前报送10月任务进度（1项）"
        assert reminder.body == "任务12 整治违规吃喝"
        assert reminder.url == "/responsibility/my-tasks/"


def test_one_reminder_per_officer_a_month_and_a_late_report_changes_nothing_sent(
    task, township_b, officer_user, other_officer_user
):
    assert run(REMINDER, "2026-10-25")[-1] == "delivered 2"
    assert run(REMINDER, "2026-10-25")[-1] == "delivered 0"
    report(task, township_b)
    assert run(REMINDER, "2026-10-26")[-1] == "delivered 0"
    [sent] = inbox(other_officer_user)
    assert (sent.period, sent.title) == ("2026-10", "请于10月31日前报送10月任务进度（1项）")

    assert run(REMINDER, "2026-11-25")[-1] == "delivered 2"
    assert [n.period for n in inbox(other_officer_user)] == ["2026-10", "2026-11"]
    assert inbox(other_officer_user)[-1].title == "请于11月30日前报送11月任务进度（1项）"


def test_closed_held_and_future_tasks_are_left_out(task, township_a, officer_user, other_officer_user):
    TaskFactory(number=13, title="已销号", lead_unit=township_a, status=Task.Status.CLOSED)
    TaskFactory(number=14, title="申请验收中", lead_unit=township_a, status=Task.Status.ACCEPTANCE_REQUESTED)
    TaskFactory(number=15, title="下月开始", lead_unit=township_a, starts_on=date(2026, 11, 1))
    TaskFactory(number=16, title="月末开始", lead_unit=township_a, starts_on=date(2026, 10, 31))
    report(task, township_a)

    run(REMINDER, "2026-10-25")

    [reminder] = inbox(officer_user)
    assert reminder.title == "请于10月31日前报送10月任务进度（1项）"
    assert reminder.body == "任务16 月末开始"


def test_a_unit_lists_its_led_and_co_tasks_in_order(task, township_a, township_b, other_officer_user):
    TaskFactory(number=3, title="公车治理", lead_unit=township_b)
    TaskFactory(number=20, title="作风督查", lead_unit=township_a, co_units=[township_b])

    run(REMINDER, "2026-10-25")

    [reminder] = inbox(other_officer_user)
    assert reminder.title == "请于10月31日前报送10月任务进度（3项）"
    assert reminder.body.splitlines() == ["任务3 公车治理", "任务12 整治违规吃喝", "任务20 作风督查"]


def test_a_unit_with_no_officer_is_noted_and_the_others_still_reminded(task, township_a, other_officer_user):
    PersonFactory(unit=township_a, name="无账号联络员", roles=[Role.UNIT_OFFICER])
    lines = run(REMINDER, "2026-10-25")

    assert lines[-1] == "delivered 1"
    assert f"甲镇（单位{township_a.pk}）有1项任务未报送10月进度，无单位联络员可提醒" in lines
    assert any("无账号联络员" in line and "无登录账号" in line for line in lines)
    assert len(inbox(other_officer_user)) == 1
    assert JobRun.objects.get(job=REMINDER).status == JobRun.Status.SUCCEEDED


def test_nothing_missing_is_noted(task, township_a, township_b, officer_user):
    report(task, township_a)
    report(task, township_b)
    assert run(REMINDER, "2026-10-25") == ["10月没有未报送进度的任务，无需提醒", "delivered 0"]


def _units_with_officers(count: int, start: int) -> None:
    for n in range(start, start + count):
        unit = UnitFactory(name=f"单位{n}", kind=Unit.Kind.DEPARTMENT)
        user_with_role(Role.UNIT_OFFICER, unit, f"officer{n}")
        TaskFactory(number=100 + n, lead_unit=unit, co_units=[UnitFactory(name=f"协办{n}")])


def test_the_reminder_costs_the_same_queries_for_3_units_and_30():
    _units_with_officers(3, 0)
    with CaptureQueriesContext(connection) as few:
        assert run_job(REMINDER, day=date(2026, 10, 25)).delivered == 3
    _units_with_officers(27, 3)
    with CaptureQueriesContext(connection) as many:
        assert run_job(REMINDER, day=date(2026, 11, 25)).delivered == 30
    assert len(many) == len(few)


# The monthly ranking -------------------------------------------------------------------------------------------


@pytest.fixture
def commission_leader_user(commission):
    return user_with_role(Role.COMMISSION_LEADER, commission, "leader1")


def test_the_ranking_document_of_a_hand_made_month(
    task, township_a, staff_user, commission_admin_user, commission_leader_user, county_leader_user, officer_user
):
    """October: 甲镇 reported on time and met its milestone; the co-unit 乙镇 did not report."""
    Milestone.objects.create(
        task=task, due_on=date(2026, 10, 15), requirement="过半", target_percent=50, met_on=date(2026, 10, 10)
    )
    report(task, township_a)

    assert run("monthly_ranking", "2026-11-01")[-2:] == ["documents 1", "delivered 4"]

    document = Document.objects.get(kind=Document.Kind.MONTHLY_RANKING)
    assert (document.period, document.period_start, document.period_end) == ("2026-10", OCTOBER, date(2026, 10, 31))
    assert document.title == "2026年10月单位月评比排名"
    assert document.audience == Document.Audience.COMMISSION
    table, rule = document.content["sections"]
    assert table["columns"] == [
        "名次", "单位", "总分", "报送及时（满分40）", "节点完成（满分30）", "验收结果（满分30）", "责任追究（扣分）",
        "计分依据",
    ]  # fmt: skip
    assert table["rows"] == [
        [1, "甲镇", 100.0, 40.0, 30.0, "—", "—",
         "牵头 1 项、协办 0 项；报送 应报 1 次，按时 1、逾期 0、未报 0；节点 按期 1/1；验收 无"],
        [2, "乙镇", 0.0, 0.0, "—", "—", "—",
         "牵头 0 项、协办 1 项；报送 应报 1 次，按时 0、逾期 0、未报 1；节点 无；验收 无"],
    ]  # fmt: skip
    assert rule["heading"] == "二、评分规则" and rule["paragraphs"][0].startswith("参评单位：")
    assert document.content["summary"][1].startswith("参评单位 2 个；应报进度 2 次，按时 1 次、逾期 0 次、未报 1 次；")
    assert document.content["links"] == [
        {"label": "在系统中查看排名", "url": "/responsibility/rankings/?kind=monthly&period=2026-10"}
    ]
    readers = [staff_user, commission_admin_user, commission_leader_user, county_leader_user]
    for user in readers:
        [sent] = inbox(user, "monthly_ranking")
        assert (sent.period, sent.title, sent.url) == ("2026-10", document.title, f"/documents/{document.pk}/")
    assert inbox(officer_user, "monthly_ranking") == []
    assert run("monthly_ranking", "2026-11-01")[-1] == "delivered 0"
    assert Document.objects.count() == 1


# The monthly statistics ----------------------------------------------------------------------------------------


def test_the_statistics_document_of_a_hand_made_month(
    staff_user, commission_admin_user, commission_leader_user, county_leader_user
):
    """October: one eight-point-rule case on official cars, filed and concluded, two persons; one from September."""
    case = CaseFactory(
        clue=ClueFactory(category="cars"), opened_at=datetime(2026, 9, 20, 9, tzinfo=SHANGHAI),
        filed_on=date(2026, 10, 8), concluded_on=date(2026, 10, 28), stage=Case.Stage.CONCLUDED,
        is_eight_point=True, funds_recovered=Decimal("5000.50"),
    )  # fmt: skip
    case.persons.create(name="张一", form="second", party_sanction="warning")
    case.persons.create(name="张二", form="first")
    CaseFactory(clue=ClueFactory(category="cars"), filed_on=date(2026, 9, 30), is_eight_point=True)

    assert run("monthly_statistics", "2026-11-01")[-2:] == ["documents 1", "delivered 2"]

    document = Document.objects.get(kind=Document.Kind.MONTHLY_STATISTICS)
    assert (document.period, document.audience) == ("2026-10", Document.Audience.COMMISSION)
    assert document.title == "2026年10月违反中央八项规定精神和“四风”问题月报表"
    eight, winds = document.content["sections"]
    assert eight["heading"] == "一、违反中央八项规定精神问题" and winds["heading"] == "二、“四风”问题"
    assert eight["columns"] == [
        "问题类别",
        "立案数",
        "结案数",
        "处理人数",
        "党纪处分",
        "政务处分",
        "挽回经济损失（元）",
    ]
    rows = {row[0]: row[1:] for row in eight["rows"]}
    assert rows["公车私用"] == [1, 1, 2, 1, 0, 5000.5]
    assert rows["合计"] == [1, 1, 2, 1, 0, 5000.5]
    assert rows["公款吃喝"] == [0, 0, 0, 0, 0, 0.0]
    assert {tuple(row[1:]) for row in winds["rows"]} == {(0, 0, 0, 0, 0, 0.0)}
    assert "违反中央八项规定精神问题立案 1 件、结案 1 件、处理 2 人" in document.content["summary"][0]

    for user in (commission_admin_user, commission_leader_user):
        [sent] = inbox(user, "monthly_statistics")
        assert sent.body == "请审核后于11月5日前报送上级纪委监委。"
        assert sent.url == f"/documents/{document.pk}/"
    assert inbox(staff_user, "monthly_statistics") == inbox(county_leader_user, "monthly_statistics") == []
    assert run("monthly_statistics", "2026-11-03")[-1] == "delivered 0"
