"""run_job: any job for any day, its last line ``delivered N``, clear refusals, and failures recorded, not lost."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jobs import registry
from jobs.models import JobRun
from jobs.registry import DAILY, Context, Job, all_jobs
from jobs.runner import run_job
from notifications.services import notify

JOB_NAMES = {
    "monthly_progress_reminder", "monthly_ranking", "monthly_statistics", "quarterly_bulletin", "holiday_notice",
    "post_holiday_summary", "daily_deadlines", "weekly_inspection_bulletin",
}  # fmt: skip


def run(*args) -> list[str]:
    out = StringIO()
    call_command("run_job", *args, stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


@pytest.fixture
def greeting_job(monkeypatch, officer_user):
    """A job of the test's own that delivers one reminder a day to the officer, then fails when asked to."""

    def greet(context: Context) -> None:
        context.delivered += notify(recipients=[officer_user], job="greeting", period=str(context.day), title="早")
        context.skip("乙（人员9）无登录账号，未发送")
        if context.options.get("fail"):
            raise RuntimeError("数据库里有坏数据")

    job = Job("greeting", "问候", "每天", greet, DAILY, defaults={"fail": False})
    monkeypatch.setitem(registry._jobs, job.name, job)
    return job


def test_every_job_of_the_schedule_table_is_registered_and_is_a_celery_task():
    from jiancha.celery import app

    assert {job.name for job in all_jobs()} == JOB_NAMES
    app.loader.import_default_modules()
    assert set(app.tasks) >= JOB_NAMES


@pytest.mark.django_db
def test_run_job_prints_delivered_last_and_a_second_run_delivers_nothing(greeting_job):
    lines = run("greeting", "--date", "2026-03-25")
    assert lines[-1] == "delivered 1"
    assert "乙（人员9）无登录账号，未发送" in lines
    assert run("greeting", "--date", "2026-03-25")[-1] == "delivered 0"
    assert run("greeting", "--date", "2026-03-26")[-1] == "delivered 1"
    runs = JobRun.objects.filter(job="greeting").order_by("pk")
    assert [(str(r.run_for), r.delivered, r.skipped, r.trigger, r.status) for r in runs] == [
        ("2026-03-25", 1, 1, "command", "succeeded"),
        ("2026-03-25", 0, 1, "command", "succeeded"),
        ("2026-03-26", 1, 1, "command", "succeeded"),
    ]


@pytest.mark.django_db
def test_unknown_job_and_bad_date_are_refused_in_chinese(greeting_job):
    with pytest.raises(CommandError, match=r"没有名为“nope”的任务。可用的任务：.*monthly_progress_reminder"):
        run("nope")
    with pytest.raises(CommandError, match="日期“2026-02-30”无法识别，请写作 YYYY-MM-DD"):
        run("greeting", "--date", "2026-02-30")
    assert not JobRun.objects.exists()


@pytest.mark.django_db
def test_a_failing_job_is_recorded_keeps_what_it_delivered_and_exits_non_zero(greeting_job, monkeypatch):
    failing = Job("greeting", "问候", "每天", greeting_job.run, DAILY, defaults={"fail": True})
    monkeypatch.setitem(registry._jobs, "greeting", failing)
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("run_job", "greeting", "--date", "2026-03-25", stdout=out, stderr=err)
    assert exit_.value.code == 1
    assert out.getvalue().splitlines()[-1] == "delivered 1"
    assert "数据库里有坏数据" in err.getvalue()
    failed = JobRun.objects.get(job="greeting")
    assert failed.status == JobRun.Status.FAILED and "RuntimeError" in failed.error and failed.delivered == 1


@pytest.mark.django_db
def test_options_stored_on_the_schedule_reach_the_job(greeting_job):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    every_day = CrontabSchedule.objects.create(minute="0", hour="8")
    PeriodicTask.objects.create(name="问候", task="greeting", crontab=every_day, kwargs='{"fail": true}')
    assert run_job("greeting").status == JobRun.Status.FAILED
