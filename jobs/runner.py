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
INTERRUPTED = "运行中断：执行它的后台进程退出了。任务已重新执行（见其后的运行记录），已送达的提醒不会重复发送。"


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


def run_job(name: str, *, day: date | None = None, trigger: str = JobRun.Trigger.BEAT, task_id: str = "") -> JobRun:
    """Run the job ``name`` as if it were ``day`` (today by default) and return its recorded run.

    An exception in the job is recorded on the run (status failed, with the traceback) and not raised: what it had
    delivered before stays delivered, and a rerun delivers only the rest. A run still marked running under the same
    Celery ``task_id`` was cut off (its worker killed, the task delivered again): it is closed as interrupted."""
    job = job_named(name)
    if job is None:
        raise UnknownJob(name)
    day = day or timezone.localdate()
    if task_id:
        JobRun.objects.filter(task_id=task_id, status=JobRun.Status.RUNNING).update(
            status=JobRun.Status.FAILED, finished_at=timezone.now(), error=INTERRUPTED
        )
    run = JobRun.objects.create(job=name, run_for=day, trigger=trigger, task_id=task_id)
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
