"""A Celery worker killed (SIGKILL) half-way through the monthly reminder: its message was not acknowledged
(``acks_late``), so Redis gives it back after the visibility timeout, a new worker runs the job again, and every
officer ends up with exactly one reminder (the unique key of ``Notification``); the cut-off run is closed."""

import time
from datetime import date

import pytest
import redis
from celery import Celery
from django.contrib.auth import get_user_model
from django.db.models import Count

from jobs.models import JobRun
from jobs.runner import INTERRUPTED
from notifications.models import Notification
from orgs.models import Person, Region, Role, RoleAssignment, Unit
from responsibility.models import Plan, Task
from tests.fault_servers import app_env, celery_command, private_redis, running, wait_until
from tests.processes import WORKER, _test_database_url

pytestmark = pytest.mark.django_db(transaction=True)

REMINDER = "monthly_progress_reminder"
UNITS, OFFICERS_PER_UNIT = 2000, 3  # about six seconds of work for the job: time to kill it half-way
EXPECTED = UNITS * OFFICERS_PER_UNIT
VISIBILITY_TIMEOUT = 2


def _county() -> None:
    """Every unit leads one open task with no October report, and has three officers (no e-mail: no mail tasks)."""
    region = Region.objects.create(name="故障测试县", code="990001", level=Region.Level.COUNTY)
    units = Unit.objects.bulk_create(
        [Unit(region=region, name=f"单位{n:04d}", kind=Unit.Kind.DEPARTMENT, sort_order=n) for n in range(UNITS)]
    )
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"officer{n}", password="!") for n in range(EXPECTED)]
    )
    people = Person.objects.bulk_create(
        [Person(user=user, name=f"联络员{n}", unit=units[n // OFFICERS_PER_UNIT]) for n, user in enumerate(users)]
    )
    RoleAssignment.objects.bulk_create([RoleAssignment(person=person, role=Role.UNIT_OFFICER) for person in people])
    common = {
        "plan": Plan.objects.create(year=2026, number=1, title="故障测试方案"),
        "owner": Person.objects.create(name="责任领导", unit=units[0]),
        "content": "—", "standard": "—", "acceptance_method": "—", "starts_on": date(2026, 1, 1),
        "status": Task.Status.IN_PROGRESS,
    }  # fmt: skip
    Task.objects.bulk_create([Task(number=n + 1, title=f"任务{n + 1}", lead_unit=unit, **common) for n, unit in
                              enumerate(units)])  # fmt: skip


@pytest.fixture
def broker():
    with private_redis() as server:
        yield server


def _send_reminder(broker_url: str) -> str:
    """Send the job as beat or the jobs page would: by name, through the broker; returns the task id."""
    sender = Celery("fault-test", broker=broker_url, set_as_current=False)
    try:
        return sender.send_task(REMINDER, kwargs={"date": "2026-10-25", "trigger": JobRun.Trigger.COMMAND}).id
    finally:
        sender.close()


def _unacknowledged_since(client: redis.Redis) -> float | None:
    """When the message held by a worker but not acknowledged was delivered (kombu's index of unacked messages)."""
    held = client.zrange("unacked_index", 0, -1, withscores=True)
    return held[0][1] if held else None


def test_killed_worker_s_reminder_job_is_redone_and_every_reminder_arrives_once(broker, logs):
    _county()
    env = app_env(DATABASE_URL=_test_database_url(), REDIS_URL=broker.url(0), CACHE_URL=broker.url(1),
                  CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT))  # fmt: skip
    worker = celery_command(*WORKER)
    task_id = _send_reminder(broker.url(0))

    with running(worker, env, logs / "worker-1.log") as first:
        wait_until(Notification.objects.exists, timeout=60, what="第一个 worker 开始送达提醒")
        first.kill()
    delivered_before_the_kill = Notification.objects.count()
    assert 0 < delivered_before_the_kill < EXPECTED, "the worker must be killed half-way through the job"
    assert JobRun.objects.get().status == JobRun.Status.RUNNING

    # The message is still held in Redis, unacknowledged; it becomes visible again after the timeout.
    client = redis.Redis.from_url(broker.url(0))
    delivered_at = _unacknowledged_since(client)
    assert delivered_at is not None
    wait_until(lambda: time.time() > delivered_at + VISIBILITY_TIMEOUT, timeout=10, what="可见性超时已过")

    with running(worker, env, logs / "worker-2.log"):
        wait_until(JobRun.objects.filter(status=JobRun.Status.SUCCEEDED).exists, timeout=90, what="重新执行的任务完成")

        assert Notification.objects.count() == EXPECTED
        twice = Notification.objects.values("recipient").annotate(n=Count("pk")).filter(n__gt=1)
        assert not twice.exists()
        assert Notification.objects.values("recipient").distinct().count() == EXPECTED
        cut_off, redone = JobRun.objects.order_by("pk")
        assert (cut_off.status, cut_off.error, cut_off.task_id) == (JobRun.Status.FAILED, INTERRUPTED, task_id)
        assert (redone.status, redone.task_id) == (JobRun.Status.SUCCEEDED, task_id)
        assert redone.delivered == EXPECTED - delivered_before_the_kill
        # Acknowledged this time: nothing is left to be delivered a third time.
        wait_until(lambda: _unacknowledged_since(client) is None, timeout=10, what="重新执行的任务已确认")
        assert client.llen("celery") == 0
