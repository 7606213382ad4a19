from celery import shared_task

from exports import services


@shared_task(name="exports.run")
def export_run(job_id: str) -> bool:
    return services.export_job_run(job_id=job_id)


@shared_task(name="exports.purge")
def export_purge() -> int:
    """Remove export files older than seven days; not scheduled here (schedules live in the database)."""
    return services.export_jobs_purge()
