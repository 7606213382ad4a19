"""Demo reminders and documents: the jobs run for recent days, so the inbox and the documents page have something
to show. Exactly-once delivery makes this safe to repeat: a second seed delivers nothing."""

from datetime import date, timedelta

from django.utils import timezone

from common.workdays import is_working_day
from inspections.checkpoints import between
from jobs.models import JobRun
from jobs.registry import all_jobs
from jobs.runner import run_job


def _days() -> dict[str, list]:
    today = timezone.localdate()
    quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    checkpoints = [c for c in between(today - timedelta(days=120), today) if c.follow_up_on <= today]
    return {
        "monthly_progress_reminder": [today],
        "monthly_ranking": [today],
        "monthly_statistics": [today],
        "quarterly_bulletin": [next(d for d in _following(quarter_start) if is_working_day(d))],
        "holiday_notice": [c.notice_on for c in checkpoints],
        "post_holiday_summary": [c.follow_up_on for c in checkpoints],
        "daily_deadlines": [today],
        "weekly_inspection_bulletin": [today],
    }


def _following(day: date):
    while True:
        yield day
        day += timedelta(days=1)


def seed() -> None:
    """Run each job for its demo days once: a day it already ran for is left alone, so a second seed changes nothing."""
    days = _days()
    for job in all_jobs():
        for day in days[job.name]:
            if not JobRun.objects.filter(job=job.name, run_for=day).exists():
                run_job(job.name, day=day, trigger=JobRun.Trigger.MANUAL)
