"""The schedules in the database: a default for every job, beat's days, and the words the page shows."""

import json
from datetime import date

import pytest
from django_celery_beat.models import PeriodicTask

from jobs.registry import all_jobs
from jobs.schedule import describe, due_jobs, schedules


@pytest.mark.django_db
def test_the_migration_stores_each_jobs_default_schedule_and_options():
    stored = schedules()
    for job in all_jobs():
        task = stored[job.name]
        cron = task.crontab
        assert task.enabled and str(cron.timezone) == "Asia/Shanghai"
        assert {k: getattr(cron, k) for k in job.crontab} == job.crontab, job.name
        assert task.kwargs.replace(" ", "") == json.dumps(job.defaults).replace(" ", ""), job.name
    assert PeriodicTask.objects.filter(task="exports.purge", enabled=True).exists()
    assert PeriodicTask.objects.filter(task="jiancha.captcha_clean", enabled=True).exists()


@pytest.mark.django_db
def test_due_jobs_follow_the_stored_crontabs():
    daily = ["quarterly_bulletin", "holiday_notice", "post_holiday_summary", "daily_deadlines"]
    assert due_jobs(date(2026, 6, 25)) == ["monthly_progress_reminder", *daily]  # a Thursday
    assert due_jobs(date(2026, 6, 1)) == [  # a Monday
        "monthly_ranking", "monthly_statistics", *daily, "weekly_inspection_bulletin",
    ]  # fmt: skip
    PeriodicTask.objects.filter(task="daily_deadlines").update(enabled=False)
    assert "daily_deadlines" not in due_jobs(date(2026, 6, 2))


@pytest.mark.django_db
def test_schedules_read_in_chinese():
    stored = schedules()
    assert describe(stored["monthly_progress_reminder"]) == "每月25日 09:00"
    assert describe(stored["weekly_inspection_bulletin"]) == "每周一 08:00"
    assert describe(stored["daily_deadlines"]) == "每天 07:30"
    assert describe(None) == "未设置"
