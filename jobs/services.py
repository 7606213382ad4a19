"""Changing a job's stored schedule: beat (django-celery-beat) picks the change up by itself."""

import json

from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from jobs.registry import Job

ZONE = "Asia/Shanghai"


def schedule_initial(job: Job, task: PeriodicTask | None) -> dict:
    """The form's values: the stored schedule, or the job's default when none is stored."""
    cron = task.crontab if task is not None and task.crontab is not None else None
    fields = (
        {k: getattr(cron, k) for k in ("minute", "hour", "day_of_month", "day_of_week")} if cron else dict(job.crontab)
    )
    options = {**job.defaults, **(json.loads(task.kwargs or "{}") if task is not None else {})}
    return {
        "enabled": task.enabled if task is not None else True,
        "hour": int(fields["hour"]) if str(fields["hour"]).isdigit() else 8,
        "minute": int(fields["minute"]) if str(fields["minute"]).isdigit() else 0,
        "day_of_month": fields["day_of_month"],
        "day_of_week": fields["day_of_week"],
        **{key: options[key] for key in job.defaults},
    }


@transaction.atomic
def schedule_save(job: Job, data: dict) -> PeriodicTask:
    """Store the schedule of ``job`` (creating it when it was deleted) from the form's cleaned data."""
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=str(data["minute"]), hour=str(data["hour"]), day_of_month=data["day_of_month"],
        month_of_year=job.crontab.get("month_of_year", "*"), day_of_week=data["day_of_week"], timezone=ZONE,
    )  # fmt: skip
    task = PeriodicTask.objects.filter(task=job.name).order_by("pk").first() or PeriodicTask(
        name=job.label, task=job.name
    )
    task.crontab, task.interval, task.enabled = crontab, None, data["enabled"]
    task.kwargs = json.dumps({key: data[key] for key in job.defaults})
    task.save()
    return task
