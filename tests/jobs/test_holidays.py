"""The holiday-checkpoint jobs through ``run_job``: the 廉洁过节 notice (who, which day, once, the option that moves
the day), the team leaders' prompt to plan, and the post-holiday summary of a hand-made checkpoint's findings."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from documents.models import Document
from inspections.checkpoints import checkpoints_for
from inspections.models import Finding, Plan
from jobs.models import JobRun
from jobs.runner import run_job
from notifications.models import Notification
from orgs.models import Person, Role
from tests.factories import PersonFactory, user_with_role
from tests.inspections.factories import FindingFactory, PlanFactory, TeamFactory
from tests.jobs.commands import delivered, run

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOTICE, SUMMARY = "holiday_notice", "post_holiday_summary"
MID_AUTUMN = "2026-mid_autumn"  # days off 25–27 September 2026; notice on Tuesday 22nd; follow-up on the 29th


def inbox(user, job: str = NOTICE) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, job=job).order_by("period", "subject"))


def set_option(job: str, **options) -> None:
    """What an admin does on the jobs page: edit the kwargs stored on the job's schedule."""
    assert PeriodicTask.objects.filter(task=job).update(kwargs=json.dumps(options)) == 1


@pytest.fixture
def team_leader(commission):
    """The leader of an active team, who is not a unit officer."""
    user = user_with_role(Role.COMMISSION_LEADER, commission, "team_leader", name="督查组长甲")
    TeamFactory(name="第一督查小组", leader=Person.objects.get(user=user))
    return user


def test_2026_checkpoints_are_known():
    mid_autumn = next(c for c in checkpoints_for(2026) if c.key == MID_AUTUMN)
    assert mid_autumn.days_off == (date(2026, 9, 25), date(2026, 9, 27))
    assert mid_autumn.notice_on == date(2026, 9, 22)
    assert mid_autumn.follow_up_on == date(2026, 9, 29)


# The notice ----------------------------------------------------------------------------------------------------


def test_notice_day_delivers_one_notice_per_officer(officer_user, other_officer_user, township_a, staff_user):
    second_officer = user_with_role(Role.UNIT_OFFICER, township_a, "officer_a2")

    assert delivered(run(NOTICE, "2026-09-22")) == 3

    document = Document.objects.get(kind=Document.Kind.HOLIDAY_NOTICE)
    assert (document.period, document.audience) == (MID_AUTUMN, Document.Audience.ALL_UNITS)
    assert document.title == "关于2026年中秋节期间严明纪律要求、廉洁过节的提醒"
    for officer in (officer_user, other_officer_user, second_officer):
        [notice] = inbox(officer)
        assert (notice.period, notice.subject, notice.title) == (MID_AUTUMN, "", document.title)
        assert notice.url == reverse("documents:detail", args=[document.pk])
    assert inbox(staff_user) == []  # the notice is for the units


def test_notice_content_has_the_rules_the_days_off_and_the_window(officer_user):
    run(NOTICE, "2026-09-22")

    content = Document.objects.get(kind=Document.Kind.HOLIDAY_NOTICE).content
    text = "\n".join(content["summary"] + [p for s in content["sections"] for p in s["paragraphs"]])
    for rule in ("公款请客送礼", "公车私用", "违规收受礼品礼金", "值班", "农家乐"):
        assert rule in text
    schedule = next(s for s in content["sections"] if s["columns"] == ["事项", "时间"])
    assert schedule["rows"] == [
        ["放假时间", "2026年9月25日至2026年9月27日放假，共3天"],
        ["明察暗访", "2026年9月24日至2026年9月27日"],
        ["节后检查", "2026年9月29日起"],
    ]


def test_day_before_the_notice_day_delivers_nothing_and_says_why(officer_user):
    lines = run(NOTICE, "2026-09-21")

    assert delivered(lines) == 0
    assert any("不在任何节点的节前提醒期内" in line for line in lines)
    assert not Document.objects.exists()


def test_day_after_delivers_nothing_more_but_catches_up_a_new_officer(officer_user, township_b):
    assert delivered(run(NOTICE, "2026-09-22")) == 1
    assert delivered(run(NOTICE, "2026-09-23")) == 0

    newcomer = user_with_role(Role.UNIT_OFFICER, township_b, "officer_new")
    assert delivered(run(NOTICE, "2026-09-24")) == 1  # the eve: still before the first day off
    assert delivered(run(NOTICE, "2026-09-25")) == 0  # the first day off: too late
    assert len(inbox(newcomer)) == 1 and len(inbox(officer_user)) == 1
    assert Document.objects.filter(kind=Document.Kind.HOLIDAY_NOTICE).count() == 1


def test_option_working_days_before_moves_the_notice_day(officer_user):
    set_option(NOTICE, working_days_before=5)

    # Five working days before Friday 25 September is Sunday 20th, a make-up working day (调休).
    assert delivered(run(NOTICE, "2026-09-19")) == 0
    assert delivered(run(NOTICE, "2026-09-20")) == 1
    assert inbox(officer_user)[0].period == MID_AUTUMN


def test_a_mistyped_option_is_noted_and_the_default_used(officer_user):
    set_option(NOTICE, working_days_before="三")

    lines = run(NOTICE, "2026-09-22")

    assert delivered(lines) == 1
    assert any("working_days_before" in line and "默认值3" in line for line in lines)


def test_officers_without_an_active_login_are_skipped_with_the_reason(officer_user, township_a):
    PersonFactory(name="无账号联络员", unit=township_a, roles=[Role.UNIT_OFFICER])
    disabled = user_with_role(Role.UNIT_OFFICER, township_a, "officer_gone", name="停用联络员")
    disabled.is_active = False
    disabled.save()

    lines = run(NOTICE, "2026-09-22")

    assert delivered(lines) == 1
    assert any("无账号联络员" in line and "无登录账号" in line for line in lines)
    assert any("停用联络员" in line and "已停用" in line for line in lines)
    assert JobRun.objects.get(job=NOTICE).skipped == 2


def test_team_leaders_are_prompted_to_plan_the_checkpoint(officer_user, team_leader, commission):
    idle = user_with_role(Role.COMMISSION_LEADER, commission, "idle_leader")
    TeamFactory(name="停用小组", leader=Person.objects.get(user=idle), is_active=False)
    TeamFactory(name="无账号组长小组", leader=PersonFactory(name="无账号组长", unit=commission))

    lines = run(NOTICE, "2026-09-22")

    assert delivered(lines) == 2  # the officer's notice and the prompt
    [prompt] = inbox(team_leader)
    assert (prompt.period, prompt.subject) == (MID_AUTUMN, "plan")
    assert prompt.title == "请制定2026年中秋节节点明察暗访检查计划"
    assert prompt.url == reverse("inspections:checkpoints") + "?year=2026"
    assert "2026年中秋" in prompt.body
    assert inbox(idle) == []
    assert any("无账号组长" in line for line in lines)
    assert delivered(run(NOTICE, "2026-09-23")) == 0


def test_an_officer_who_leads_a_team_gets_both(officer_user):
    TeamFactory(leader=Person.objects.get(user=officer_user))

    assert delivered(run(NOTICE, "2026-09-22")) == 2
    assert [n.subject for n in inbox(officer_user)] == ["", "plan"]


def test_a_year_of_daily_runs_notices_each_checkpoint_once_on_its_day(officer_user):
    day, sent_on = date(2026, 1, 1), {}
    while day.year == 2026:
        run(NOTICE, day.isoformat())
        day += timedelta(days=1)
    for run_ in JobRun.objects.filter(job=NOTICE, delivered__gt=0):
        sent_on[run_.run_for] = run_.delivered

    coming = [c for year in (2026, 2027) for c in checkpoints_for(year) if c.notice_on.year == 2026]
    assert sent_on == {c.notice_on: 1 for c in coming}
    assert [n.period for n in inbox(officer_user)] == sorted(c.key for c in coming)


# The post-holiday summary --------------------------------------------------------------------------------------


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def checkpoint_findings(township_a, township_b):
    """Mid-autumn 2026: three findings in its window (24 to 27 September, the edges included) and two outside."""
    plan = PlanFactory(title="中秋节公车私用暗访", checkpoint=MID_AUTUMN, status=Plan.Status.DONE)
    PlanFactory(title="中秋节违规吃喝暗访", checkpoint=MID_AUTUMN, status=Plan.Status.PLANNED)
    PlanFactory(title="国庆节暗访", checkpoint="2026-national_day")
    C, D = Finding.Category, Finding.Disposition
    FindingFactory(
        plan=plan,
        unit=township_a,
        category=C.CARS,
        occurred_at=at(9, 24, 0),
        disposition=D.CORRECTED,
        place="农家乐停车场",
        description="公务用车停放在农家乐",
    )
    FindingFactory(plan=plan, unit=township_a, category=C.BANQUETS, occurred_at=at(9, 26, 12))
    FindingFactory(unit=township_b, category=C.CARS, occurred_at=at(9, 27, 23, 59), disposition=D.CLUE)
    FindingFactory(plan=plan, unit=township_b, category=C.GIFTS, occurred_at=at(9, 23, 23, 59))
    FindingFactory(plan=plan, unit=township_b, category=C.GIFTS, occurred_at=at(9, 28, 0))  # fmt: skip


def test_summary_counts_the_findings_in_the_window_only(checkpoint_findings, staff_user):
    assert delivered(run(SUMMARY, "2026-09-29")) == 1

    document = Document.objects.get(kind=Document.Kind.POST_HOLIDAY_SUMMARY)
    assert (document.period, document.audience) == (MID_AUTUMN, Document.Audience.COMMISSION)
    assert (document.period_start, document.period_end) == (date(2026, 9, 24), date(2026, 9, 27))
    assert document.title == "2026年中秋节期间明察暗访检查情况汇总"
    content = document.content
    assert "共发现问题3个，涉及2个单位" in content["summary"][0]
    tables = {s["heading"]: s for s in content["sections"]}
    assert tables["一、按处理方式"]["rows"] == [
        ["当场纠正", 1],
        ["移送问题线索", 1],
        ["待处理", 1],
    ]
    assert tables["二、按问题类别"]["rows"] == [["公车私用", 2], ["违规吃喝", 1]]
    assert tables["三、按被查单位"]["rows"] == [["甲镇", 2], ["乙镇", 1]]
    listed = tables["四、问题清单"]["rows"]
    assert [row[3] for row in listed] == ["2026-09-24 00:00", "2026-09-26 12:00", "2026-09-27 23:59"]
    assert listed[0][1:] == ["甲镇", "公车私用", "2026-09-24 00:00", "农家乐停车场", "公务用车停放在农家乐", "当场纠正"]


def test_summary_lists_the_checkpoints_plans_and_their_status(checkpoint_findings, staff_user):
    run(SUMMARY, "2026-09-29")

    content = Document.objects.get(kind=Document.Kind.POST_HOLIDAY_SUMMARY).content
    plans = next(s for s in content["sections"] if s["heading"] == "五、节点检查计划")
    assert [(row[0], row[3], row[4]) for row in plans["rows"]] == [
        ("中秋节公车私用暗访", "已完成", 4),
        ("中秋节违规吃喝暗访", "待实施", 0),
    ]
    assert "本节点共制定检查计划2个" in content["summary"][1]


def test_summary_goes_to_leaders_and_the_commission_not_to_units(
    checkpoint_findings, staff_user, commission_admin_user, county_leader_user, officer_user, team_leader
):
    assert delivered(run(SUMMARY, "2026-09-29")) == 4  # staff, admin, county leader, the commission leader

    for reader in (staff_user, commission_admin_user, county_leader_user, team_leader):
        assert [n.period for n in inbox(reader, SUMMARY)] == [MID_AUTUMN]
    assert inbox(officer_user, SUMMARY) == []
    assert delivered(run(SUMMARY, "2026-09-30")) == 0


def test_summary_window_opens_on_the_follow_up_day_and_closes_ten_days_later(staff_user):
    lines = run(SUMMARY, "2026-09-28")
    assert delivered(lines) == 0
    assert any("不在任何节点的节后汇总期内" in line for line in lines)

    # The national day's follow-up is 9 October: a run on the 19th still catches up, the 20th is too late.
    assert delivered(run(SUMMARY, "2026-10-20")) == 0
    assert delivered(run(SUMMARY, "2026-10-19")) == 1
    assert Document.objects.get(kind=Document.Kind.POST_HOLIDAY_SUMMARY).period == "2026-national_day"


def test_option_working_days_after_moves_the_summary_day(staff_user):
    set_option(SUMMARY, working_days_after=4)

    # Mid-autumn's 4th working day after is 8 October, after the national day's days off; by default (the 29th)
    # a run on the 7th would still have caught it up.
    assert delivered(run(SUMMARY, "2026-10-07")) == 0
    assert delivered(run(SUMMARY, "2026-10-08")) == 1
    assert Document.objects.get(kind=Document.Kind.POST_HOLIDAY_SUMMARY).period == MID_AUTUMN


def test_summary_without_findings_or_plans_says_so(staff_user):
    run(SUMMARY, "2026-09-29")

    content = Document.objects.get(kind=Document.Kind.POST_HOLIDAY_SUMMARY).content
    assert "未发现问题" in content["summary"][0]
    assert content["summary"][1] == "本节点未制定检查计划。"


def test_the_notice_costs_the_same_queries_for_two_officers_or_twelve(officer_user, other_officer_user, team_leader):
    def queries(day: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert run_job(NOTICE, day=date.fromisoformat(day)).delivered > 0
        return len(captured)

    few = queries("2026-09-22")  # mid-autumn
    unit = Person.objects.get(user=officer_user).unit
    for n in range(10):
        user_with_role(Role.UNIT_OFFICER, unit, f"officer_more{n}")
    assert queries("2026-09-28") == few  # national day, with twelve officers
