"""A whole simulated year: every day, the jobs beat would run that day (by the stored schedules), run for that day.

Then: each holiday checkpoint gave exactly one notice per unit, on the 3rd working day before its first day off;
each month exactly one progress reminder per officer of a unit missing its report, none to units that reported;
each quarter one bulletin; and running the whole year a second time delivers nothing more."""

from datetime import date, timedelta

import pytest

from common.workdays import is_working_day
from documents.models import Document
from inspections.checkpoints import checkpoints_for
from inspections.models import Team
from jobs.models import JobRun
from jobs.runner import run_job
from jobs.schedule import due_jobs
from notifications.models import Notification
from orgs.models import Person, Role, Unit
from responsibility.models import ProgressReport
from tests.factories import TaskFactory, UnitFactory, user_with_role

START, END = date(2026, 1, 1), date(2026, 12, 31)


def every_day():
    day = START
    while day <= END:
        yield day
        day += timedelta(days=1)


def first_working_day(year: int, month: int) -> date:
    day = date(year, month, 1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@pytest.fixture
def county(db, staff_user, county_leader_user):
    """Three townships with one officer each and one task each: 甲 reports every month on the 10th, 乙 never,
    丙 in odd months only. A team leader is prompted before each holiday."""
    units = {name: UnitFactory(name=f"{name}镇", kind=Unit.Kind.TOWNSHIP) for name in "甲乙丙"}
    officers = {name: user_with_role(Role.UNIT_OFFICER, unit, f"officer_{i}") for i, (name, unit) in
                enumerate(units.items())}  # fmt: skip
    tasks = {name: TaskFactory(lead_unit=unit, starts_on=START) for name, unit in units.items()}
    team_leader = user_with_role(Role.INSPECTOR, units["甲"], "team_leader")
    Team.objects.create(name="第一督查组", leader=Person.objects.get(user=team_leader))
    return units, officers, tasks


def report_if_due(day: date, tasks: dict) -> None:
    if day.day != 10:
        return
    for name in ("甲", "丙") if day.month % 2 else ("甲",):
        task = tasks[name]
        month = day.replace(day=1)
        ProgressReport.objects.create(task=task, unit=task.lead_unit, period=month, text="按计划推进", percent=10)


def run_year(tasks: dict | None = None) -> dict[tuple[str, str], date]:
    """Run every due job every day; return when each (job, period) first got a reminder."""
    first: dict[tuple[str, str], date] = {}
    for day in every_day():
        if tasks is not None:
            report_if_due(day, tasks)
        for name in due_jobs(day):
            run = run_job(name, day=day, trigger=JobRun.Trigger.COMMAND)
            assert run.status == JobRun.Status.SUCCEEDED, (name, day, run.error)
        for key in Notification.objects.values_list("job", "period").distinct():
            first.setdefault(key, day)
    return first


@pytest.mark.django_db
def test_a_simulated_year_delivers_each_reminder_once_on_its_day(county):
    units, officers, tasks = county
    first = run_year(tasks)

    notices = Notification.objects.filter(job="holiday_notice", subject="")
    checkpoints = [c for year in (2026, 2027) for c in checkpoints_for(year) if START <= c.notice_on <= END]
    assert len(checkpoints) == 7  # 春节 … 国庆 of 2026, and 元旦 2027 noticed in December
    for checkpoint in checkpoints:
        assert first[("holiday_notice", checkpoint.key)] == checkpoint.notice_on, checkpoint.key
        per_unit = notices.filter(period=checkpoint.key).values_list("recipient__person__unit__name", flat=True)
        assert sorted(per_unit) == sorted(unit.name for unit in units.values()), checkpoint.key

    reminders = Notification.objects.filter(job="monthly_progress_reminder")
    for month in range(1, 13):
        period = f"2026-{month:02d}"
        expected = {officers["乙"].pk} | ({officers["丙"].pk} if month % 2 == 0 else set())
        assert sorted(reminders.filter(period=period).values_list("recipient_id", flat=True)) == sorted(expected)
        assert first[("monthly_progress_reminder", period)] == date(2026, month, 25)

    bulletins = Document.objects.filter(kind=Document.Kind.QUARTERLY_BULLETIN).order_by("period_start")
    assert [d.period for d in bulletins] == ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
    for period, month in zip(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"], (1, 4, 7, 10), strict=True):
        assert first[("quarterly_bulletin", period)] == first_working_day(2026, month)
        to_first_unit = Notification.objects.filter(job="quarterly_bulletin", period=period, recipient=officers["甲"])
        assert to_first_unit.count() == 1

    delivered, documents = Notification.objects.count(), Document.objects.count()
    runs_before = JobRun.objects.count()
    run_year()
    assert (Notification.objects.count(), Document.objects.count()) == (delivered, documents)
    second_pass = list(JobRun.objects.order_by("pk")[runs_before:])
    assert len(second_pass) == runs_before
    assert sum(run.delivered for run in second_pass) == 0 and sum(run.documents for run in second_pass) == 0
