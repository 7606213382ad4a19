"""One job end to end through Redis: beat reads its schedule from the database and sends the task, a real worker
runs it; beat sending it again and again still delivers the reminder once."""

import time

import pytest
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from jobs.models import JobRun
from notifications.models import Notification
from tests.factories import TaskFactory
from tests.processes import BEAT, WORKER, celery

WAIT_SECONDS = 90


def wait_for(condition, processes) -> None:
    """Poll the database until ``condition`` holds; fail with the processes' output if it never does."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
            for p in processes:
                p.terminate()
            output = "\n".join(p.communicate(timeout=20)[0] for p in processes)
            pytest.fail(f"beat and worker did not run the job in {WAIT_SECONDS}s:\n{output}")
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_beat_sends_the_stored_schedule_to_a_real_worker_and_the_reminder_arrives_once(officer_user, township_a):
    TaskFactory(lead_unit=township_a)  # no report this month: the officer is due a reminder
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    # Created here, not taken from the migration: pytest-django runs transactional tests last, after others flushed
    # the migration's rows away.
    PeriodicTask.objects.exclude(task="monthly_progress_reminder").update(enabled=False)
    PeriodicTask.objects.update_or_create(
        task="monthly_progress_reminder",
        defaults={"name": "月度进度报送提醒", "crontab": None, "interval": every_second, "enabled": True},
    )

    def ran_twice() -> bool:
        return JobRun.objects.filter(job="monthly_progress_reminder", trigger="beat", status="succeeded").count() >= 2

    with celery(*WORKER) as worker, celery(*BEAT) as beat:
        wait_for(ran_twice, [worker, beat])
    reminders = Notification.objects.filter(job="monthly_progress_reminder")
    assert [n.recipient_id for n in reminders] == [officer_user.pk]
    runs = JobRun.objects.filter(job="monthly_progress_reminder").order_by("pk")
    assert runs[0].delivered == 1 and all(run.delivered == 0 for run in runs[1:])
