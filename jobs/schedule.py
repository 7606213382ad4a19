"""The jobs' schedules, stored by django-celery-beat (``PeriodicTask`` with a ``CrontabSchedule``): beat reads
them, commission admins edit them on the jobs page, and ``due_jobs`` says which jobs beat runs on a given day."""

from datetime import date

from celery.schedules import crontab
from django_celery_beat.models import PeriodicTask

from jobs.registry import all_jobs

WEEKDAYS = "日一二三四五六"  # cron counts the week from Sunday = 0


def schedules() -> dict[str, PeriodicTask]:
    """Job name → its stored schedule (one query); a job whose schedule was deleted is absent."""
    names = [job.name for job in all_jobs()]
    tasks = PeriodicTask.objects.filter(task__in=names).select_related("crontab").order_by("pk")
    found: dict[str, PeriodicTask] = {}
    for task in tasks:
        found.setdefault(task.task, task)
    return found


def _parsed(task: PeriodicTask) -> crontab:
    c = task.crontab
    return crontab(
        minute=c.minute, hour=c.hour, day_of_week=c.day_of_week, day_of_month=c.day_of_month,
        month_of_year=c.month_of_year,
    )  # fmt: skip


def runs_on(task: PeriodicTask, day: date) -> bool:
    """Whether beat runs this enabled crontab schedule on ``day`` (at any hour)."""
    if not task.enabled or task.crontab is None:
        return False
    c = _parsed(task)
    return day.month in c.month_of_year and day.day in c.day_of_month and day.isoweekday() % 7 in c.day_of_week


def due_jobs(day: date) -> list[str]:
    """The jobs beat runs on ``day``, in the order of the registry: what a simulated year runs each day."""
    stored = schedules()
    return [job.name for job in all_jobs() if job.name in stored and runs_on(stored[job.name], day)]


def describe(task: PeriodicTask | None) -> str:
    """The schedule in words: 每天 08:00, 每月25日 09:00, 每周一 08:00."""
    if task is None:
        return "未设置"
    if task.crontab is None:
        return "非定时表（间隔运行）"
    c = task.crontab
    if not (c.minute.isdigit() and c.hour.isdigit()):
        return f"Cron：{c.minute} {c.hour} {c.day_of_month} {c.month_of_year} {c.day_of_week}"
    at = f"{int(c.hour):02d}:{int(c.minute):02d}"
    days = []
    if c.month_of_year != "*":
        days.append(f"{c.month_of_year}月")
    if c.day_of_month != "*":
        days.append(f"每月{c.day_of_month}日" if c.month_of_year == "*" else f"{c.day_of_month}日")
    if c.day_of_week != "*":
        weekdays = "、".join(WEEKDAYS[int(d)] if d.isdigit() and int(d) < 7 else d for d in c.day_of_week.split(","))
        days.append(f"每周{weekdays}")
    return f"{''.join(days) or '每天'} {at}"
