"""Writes of export jobs: create and enqueue, claim and run once, purge old files."""

import logging
import tempfile
import time
from datetime import timedelta
from pathlib import PurePath
from uuid import UUID

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable

from exports.models import ExportJob
from exports.registry import ExportError, Progress, exporter_for

logger = logging.getLogger(__name__)

# Progress is written to the database at the first and last row and in between every this many rows, but no more
# often than every PROGRESS_SECONDS: each write is a commit, and a fast export would otherwise spend a fifth of its
# time committing progress nobody can read that quickly.
PROGRESS_EVERY = 200
PROGRESS_SECONDS = 0.5
KEEP_FOR = timedelta(days=7)
FAILED_TEXT = "导出失败：系统内部错误，请稍后重试；如仍失败请联系管理员。"
TIMEOUT_TEXT = "导出超时：数据量过大，请缩小筛选范围后重试。"
QUEUE_DOWN_TEXT = "导出未能开始：后台服务暂时不可用，请稍后重新导出。"


@transaction.atomic
def export_job_create(*, user, kind: str, params: dict) -> ExportJob:
    """Record a job and run it in the background once the surrounding transaction has committed."""
    exporter_for(kind)  # an unknown kind fails here, in the request, rather than later in a worker
    job = ExportJob(user=user, kind=kind, params=params)
    job.full_clean()
    job.save()
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: UUID) -> None:
    from exports.tasks import export_run  # the task module imports this one

    try:
        export_run.delay(str(job_id))
    except BrokerUnreachable:
        # The job page says so and the person can export again, rather than watch a job that never starts.
        logger.exception("export job %s: could not enqueue", job_id)
        _fail(ExportJob(pk=job_id), QUEUE_DOWN_TEXT)


def export_job_run(*, job_id: UUID | str) -> bool:
    """Run a pending job; False if it was not pending (already claimed, finished or gone).

    The conditional UPDATE claims the job, so two workers, or a message delivered twice, export it once.
    """
    if not ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.PENDING).update(status=ExportJob.Status.RUNNING):
        return False
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        _write(job)
    except ExportError as error:
        _fail(job, str(error))
    except SoftTimeLimitExceeded:
        _fail(job, TIMEOUT_TEXT)
    except Exception:
        logger.exception("export job %s (%s) failed", job.pk, job.kind)
        _fail(job, FAILED_TEXT)
    return True


def _write(job: ExportJob) -> None:
    exporter = exporter_for(job.kind)
    # A temporary file, not memory: the exporter streams rows and the file may be large.
    with tempfile.TemporaryFile() as stream:
        filename = exporter.write(user=job.user, params=job.params, stream=stream, progress=_recorder(job.pk))
        stream.seek(0)
        job.file.save(f"{job.pk}{PurePath(filename).suffix}", File(stream), save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, file=job.file.name, filename=filename, finished_at=timezone.now()
    )


def _recorder(job_id: UUID) -> Progress:
    written_at = time.monotonic()

    def record(done: int, total: int) -> None:
        nonlocal written_at
        if done and done != total and (done % PROGRESS_EVERY or time.monotonic() - written_at < PROGRESS_SECONDS):
            return
        ExportJob.objects.filter(pk=job_id).update(rows_done=done, rows_total=total)
        written_at = time.monotonic()

    return record


def _fail(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.FAILED, error=message, finished_at=timezone.now()
    )


def export_jobs_purge(*, older_than: timedelta = KEEP_FOR) -> int:
    """Delete jobs older than ``older_than`` with their files; returns how many. Safe to run twice.

    A job that old cannot still be running (tasks have a time limit of minutes), whatever its status says.
    """
    count = 0
    for job in ExportJob.objects.filter(created_at__lt=timezone.now() - older_than).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
