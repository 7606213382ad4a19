"""Running a job: the run is recorded (``JobRun``) whoever starts it, and a failure is recorded, never lost."""

import json
import logging
import traceback
from datetime import date

from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from jobs.models import JobRun
from jobs.registry import Context, job_named

logger = logging.getLogger(__name__)
NOTES_MAX = 200  # lines kept on the run; the rest are counted


class UnknownJob(ValueError):
    pass


def stored_options(name: str) -> dict:
    """The kwargs an admin stored on the job's schedule (e.g. ``{"working_days_before": 3}``)."""
    task = PeriodicTask.objects.filter(task=name).only("kwargs").order_by("pk").first()
    if task is None:
        return {}
    try:
        options = json.loads(task.kwargs or "{}")
    except ValueError:
        logger.warning("schedule %s: kwargs are not JSON, defaults used", name)
        return {}
    return options if isinstance(options, dict) else {}


def run_job(name: str, *, day: date | None = None, trigger: str = JobRun.Trigger.BEAT) -> JobRun:
    """Run the job ``name`` as if it were ``day`` (today by default) and return its recorded run.

    An exception in the job is recorded on the run (status failed, with the traceback) and not raised: what it had
    delivered before stays delivered, and a rerun delivers only the rest."""
    job = job_named(name)
    if job is None:
        raise UnknownJob(name)
    day = day or timezone.localdate()
    run = JobRun.objects.create(job=name, run_for=day, trigger=trigger)
    context = Context(day=day, options={**job.defaults, **stored_options(name)})
    try:
        job.run(context)
    except Exception:
        logger.exception("job %s for %s failed", name, day)
        run.status = JobRun.Status.FAILED
        run.error = traceback.format_exc()[-10000:]
    else:
        run.status = JobRun.Status.SUCCEEDED
    run.delivered, run.skipped, run.documents = context.delivered, context.skipped, context.documents
    notes = context.notes[:NOTES_MAX]
    if len(context.notes) > NOTES_MAX:
        notes.append(f"……另有 {len(context.notes) - NOTES_MAX} 条记录未列出")
    run.notes = "\n".join(notes)
    run.finished_at = timezone.now()
    run.save()
    return run
