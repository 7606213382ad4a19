"""One Celery task per registered job, named as the job (``monthly_progress_reminder``, …), for beat to send."""

from celery import shared_task
from django.utils.dateparse import parse_date

from jobs.models import JobRun
from jobs.registry import all_jobs
from jobs.runner import run_job


def _task_for(name: str):
    def run(task, date: str | None = None, trigger: str = JobRun.Trigger.BEAT, **_stored_options) -> int:
        # Beat passes the kwargs stored on the schedule; run_job reads them from the schedule itself, so a run from
        # the command line or the page uses the same options.
        run = run_job(name, day=parse_date(date) if date else None, trigger=trigger, task_id=task.request.id or "")
        return run.delivered

    run.__name__ = run.__qualname__ = name
    run.__doc__ = f"Run the scheduled job {name} for today (or ``date``) and return how many reminders it delivered."
    return shared_task(name=name, bind=True)(run)


TASKS = {job.name: _task_for(job.name) for job in all_jobs()}
