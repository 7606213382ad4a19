"""The quarterly bulletin and the weekly inspection bulletin through ``run_job``: which days act, who receives them,
exactly once however often they run, and their contents on a hand-made quarter and week."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from documents.models import Document
from inspections.models import Bulletin, Finding
from jobs.models import JobRun
from notifications.models import Notification
from orgs.models import Role, Unit
from rectification.models import Problem
from responsibility.models import ProgressReport, Ranking, Task
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory
from tests.factories import TaskFactory, UnitFactory, user_with_role
from tests.inspections.factories import FindingFactory
from tests.jobs.commands import delivered, run

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
QUARTERLY, WEEKLY = "quarterly_bulletin", "weekly_inspection_bulletin"


def inbox(user, job: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, job=job).order_by("period"))


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def sections(document: Document) -> dict[str, dict]:
    return {section["heading"]: section for section in document.content["sections"]}


@pytest.fixture
def readers(officer_user, other_officer_user, staff_user, county_leader_user, commission):
    leader = user_with_role(Role.COMMISSION_LEADER, commission, "leader1")
    return [officer_user, other_officer_user, staff_user, county_leader_user, leader]


# The quarterly bulletin ----------------------------------------------------------------------------------------


def test_first_working_day_of_april_publishes_the_first_quarter_once(readers, commission_admin_user):
    lines = run(QUARTERLY, "2026-04-01")

    assert delivered(lines) == 5
    document = Document.objects.get(kind=Document.Kind.QUARTERLY_BULLETIN)
    assert (document.period, document.audience) == ("2026-Q1", Document.Audience.ALL_UNITS)
    assert (document.period_start, document.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert document.title == "2026年第一季度正风肃纪工作通报"
    for reader in readers:
        [reminder] = inbox(reader, QUARTERLY)
        assert (reminder.period, reminder.url) == ("2026-Q1", reverse("documents:detail", args=[document.pk]))
    assert inbox(commission_admin_user, QUARTERLY) == []


def test_running_every_day_of_april_gives_one_bulletin_and_one_reminder_each(readers):
    day = date(2026, 4, 1)
    while day.month == 4:
        run(QUARTERLY, day.isoformat())
        day += timedelta(days=1)

    assert Document.objects.filter(kind=Document.Kind.QUARTERLY_BULLETIN).count() == 1
    assert [len(inbox(reader, QUARTERLY)) for reader in readers] == [1] * 5
    acted = JobRun.objects.filter(job=QUARTERLY, delivered__gt=0)
    assert list(acted.values_list("run_for", flat=True)) == [date(2026, 4, 1)]
    assert Ranking.objects.filter(kind=Ranking.Kind.QUARTERLY, period_start=date(2026, 1, 1)).count() == 1


@pytest.mark.parametrize("day", ["2026-03-31", "2026-05-01", "2026-10-01", "2026-10-07"])
def test_other_days_deliver_nothing_and_say_why(readers, day):
    lines = run(QUARTERLY, day)

    assert delivered(lines) == 0
    assert any(line.startswith("不是季度第一个工作日") for line in lines)
    assert not Document.objects.exists()


def test_the_quarter_after_a_holiday_starts_on_its_first_working_day(readers):
    # 1 to 7 October 2026 are days off: the bulletin of the third quarter goes out on the 8th.
    assert delivered(run(QUARTERLY, "2026-10-08")) == 5
    assert Document.objects.get(kind=Document.Kind.QUARTERLY_BULLETIN).period == "2026-Q3"


def test_a_missed_first_working_day_is_caught_up_within_the_first_month(readers):
    assert delivered(run(QUARTERLY, "2026-04-20")) == 5
    assert Document.objects.get(kind=Document.Kind.QUARTERLY_BULLETIN).period == "2026-Q1"


@pytest.fixture
def quarter(township_a, township_b):
    """The first quarter of 2026 by hand: two departments leading tasks, two townships with problems, cases."""
    bureau_a = UnitFactory(name="甲局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    bureau_b = UnitFactory(name="乙局", kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    # Lagging: a milestone of 1 February unmet; 甲局 never reported, 甲镇 (co-unit) missed March.
    lagging = TaskFactory(
        lead_unit=bureau_a,
        co_units=[township_a],
        status=Task.Status.IN_PROGRESS,
        progress=40,
        milestones=[(date(2026, 2, 1), 50)],
    )
    closed = TaskFactory(lead_unit=bureau_b, status=Task.Status.CLOSED, progress=100, closed_at=at(2026, 3, 15))
    for month in (1, 2):
        report(lagging, township_a, month)
        report(closed, bureau_b, month)
    TaskFactory(lead_unit=bureau_b, starts_on=date(2026, 5, 1))  # begins after the quarter
    TaskFactory(lead_unit=bureau_b, status=Task.Status.CLOSED, progress=100, closed_at=at(2025, 12, 1))

    S = Problem.Status
    problem(township_a, S.CLOSED, at(2026, 2, 3))
    problem(township_a, S.PENDING, at(2026, 2, 4))
    problem(township_b, S.FIXED_AT_ONCE, at(2026, 3, 31, 23, 59))
    problem(township_b, S.IN_PROGRESS, at(2026, 4, 1, 0, 0))  # after the quarter

    ReportFactory(received_at=at(2026, 1, 1, 0, 0))
    ReportFactory(received_at=at(2026, 2, 10))
    ReportFactory(received_at=at(2026, 4, 1, 0, 0))
    ClueFactory(proposed_at=at(2026, 3, 5))
    CaseFactory(filed_on=date(2026, 2, 10), concluded_on=date(2026, 3, 20))
    CaseFactory(filed_on=date(2025, 12, 1), concluded_on=date(2026, 1, 15))
    CaseFactory(filed_on=date(2026, 4, 1))  # fmt: skip


def report(task: Task, unit: Unit, month: int) -> ProgressReport:
    period = date(2026, month, 1)
    return ProgressReport.objects.create(task=task, unit=unit, period=period, text="按计划推进", percent=50)


def problem(unit: Unit, status: str, created_at: datetime) -> Problem:
    return Problem.objects.create(
        unit=unit, title="问题", description="描述", source="supervision", status=status, created_at=created_at
    )


def test_quarterly_contents_of_a_hand_made_quarter(quarter, staff_user):
    run(QUARTERLY, "2026-04-01")

    document = Document.objects.get(kind=Document.Kind.QUARTERLY_BULLETIN)
    assert document.content["summary"] == [
        "2026年第一季度，全县在办任务2项，平均进度70.0%；工作滞后单位2个；问题整改完成率66.7%；"
        "收到信访举报2件，立案1件、结案2件。现将有关情况通报如下。"
    ]
    table = sections(document)
    assert table["一、任务推进情况"]["rows"] == [["未启动", 0], ["推进中", 1], ["申请验收", 0], ["已验收销号", 1]]
    # 甲局: the lagging task and three months unreported; 甲镇: March unreported; 乙局 reported, its task closed.
    assert table["二、工作滞后单位"]["rows"] == [["甲局", 1, 3, 0.0, 3], ["甲镇", 0, 1, 66.8, 2]]
    assert table["三、问题整改情况"]["rows"] == [
        ["待整改", 1], ["整改中", 0], ["申请验收", 0], ["已验收销号", 1], ["立行立改", 1],
    ]  # fmt: skip
    assert "整改完成率（已验收销号与立行立改之和占问题总数的比例）66.7%" in table["三、问题整改情况"]["paragraphs"][0]
    assert table["（各单位整改完成率，由低到高）"]["rows"] == [["甲镇", 2, 1, 0, 50.0], ["乙镇", 1, 0, 1, 100.0]]
    assert table["四、信访举报和案件查办情况"]["rows"] == [
        ["收到信访举报（件）", 2], ["拟办问题线索（条）", 1], ["立案（件）", 1], ["结案（件）", 2],
    ]  # fmt: skip
    ranking_url = reverse("responsibility:rankings") + "?kind=quarterly&period=2026-Q1"
    assert document.content["links"] == [{"label": "查看季度排名", "url": ranking_url}]


def test_an_empty_quarter_says_there_is_nothing_to_report(staff_user):
    run(QUARTERLY, "2026-04-01")

    document = Document.objects.get(kind=Document.Kind.QUARTERLY_BULLETIN)
    assert "尚无登记的整改问题" in document.content["summary"][0]
    assert "本季度没有工作滞后的单位。" in sections(document)["二、工作滞后单位"]["paragraphs"]


# The weekly inspection bulletin --------------------------------------------------------------------------------


@pytest.fixture
def last_week(township_a, township_b):
    """Findings of the week of Monday 2 November 2026 (ISO week 45), and one either side of it."""
    D = Finding.Disposition
    FindingFactory(
        unit=township_a,
        category=Finding.Category.CARS,
        occurred_at=at(2026, 11, 3, 9, 30),
        disposition=D.CORRECTED,
        place="农家乐停车场",
        description="公务用车停放在农家乐",
    )
    FindingFactory(unit=township_b, category=Finding.Category.GAMES, occurred_at=at(2026, 11, 8, 23, 59))
    FindingFactory(unit=township_b, occurred_at=at(2026, 11, 1, 23, 59))
    FindingFactory(unit=township_b, occurred_at=at(2026, 11, 9, 0, 0))  # fmt: skip


@pytest.fixture
def commission_readers(staff_user, commission_admin_user, county_leader_user):
    return [staff_user, commission_admin_user, county_leader_user]


def test_monday_run_publishes_last_weeks_findings(last_week, commission_readers, officer_user):
    assert delivered(run(WEEKLY, "2026-11-09")) == 3

    bulletin = Bulletin.objects.get(kind=Bulletin.Kind.WEEKLY)
    assert (bulletin.period_start, bulletin.period_end) == (date(2026, 11, 2), date(2026, 11, 8))
    document = Document.objects.get(kind=Document.Kind.WEEKLY_BULLETIN)
    assert (document.period, document.audience, document.title) == (
        "2026-W45",
        Document.Audience.COMMISSION,
        bulletin.title,
    )
    assert document.content["summary"] == ["本期共发现问题2个，涉及2个单位，其中当场纠正1个、待处理1个。"]
    table = sections(document)
    assert table["二、按问题类别"]["rows"] == [
        ["上班玩游戏", 1],
        ["公车私用", 1],
    ]  # ties in the order of the categories
    assert [row[1:] for row in table["四、问题清单"]["rows"]] == [
        ["甲镇", "公车私用", "2026-11-03 09:30", "农家乐停车场", "公务用车停放在农家乐", "当场纠正"],
        ["乙镇", "上班玩游戏", "2026-11-08 23:59", "便民服务中心", "工作人员上班时间玩手机游戏", "待处理"],
    ]
    assert document.content["links"] == [
        {"label": "查看周通报", "url": reverse("inspections:bulletin-detail", args=[bulletin.pk])}
    ]
    for reader in commission_readers:
        [reminder] = inbox(reader, WEEKLY)
        assert (reminder.period, reminder.body) == ("2026-W45", document.content["summary"][0])
    assert inbox(officer_user, WEEKLY) == []


def test_second_run_delivers_nothing_and_keeps_what_went_out(last_week, commission_readers, township_a):
    run(WEEKLY, "2026-11-09")
    FindingFactory(unit=township_a, occurred_at=at(2026, 11, 4))  # recorded late: the bulletin stays as it was

    assert delivered(run(WEEKLY, "2026-11-09")) == 0
    assert delivered(run(WEEKLY, "2026-11-11")) == 0  # any day of the week names the same last week
    document = Document.objects.get(kind=Document.Kind.WEEKLY_BULLETIN)
    assert len(sections(document)["四、问题清单"]["rows"]) == 2
    assert Bulletin.objects.count() == 1


def test_a_week_without_findings_is_still_published(commission_readers):
    assert delivered(run(WEEKLY, "2026-11-16")) == 3
    document = Document.objects.get(kind=Document.Kind.WEEKLY_BULLETIN)
    assert document.content["summary"] == ["本期未发现问题。"]
    assert sections(document)["四、问题清单"]["paragraphs"] == ["未发现问题。"]


def test_a_run_as_of_a_later_day_publishes_the_week_before_that_day(commission_readers):
    """run_job --date is "as if it were that day", even a day still to come (the simulated year runs past today)."""
    assert delivered(run(WEEKLY, "2027-01-04")) == 3
    document = Document.objects.get(kind=Document.Kind.WEEKLY_BULLETIN)
    assert (document.period, document.period_start.isoformat()) == ("2026-W53", "2026-12-28")
