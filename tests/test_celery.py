"""Celery: schedules stored in the database, and one real worker process running a task through Redis."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from jiancha.celery import app as celery_app
from jiancha.tasks import heartbeat
from tests.fault_servers import wait_until
from tests.processes import WORKER, celery


@pytest.mark.django_db
def test_heartbeat_schedule_is_stored_and_editable_in_admin(admin_client):
    task = PeriodicTask.objects.get(task="jiancha.heartbeat")
    assert task.interval.every == 1 and task.enabled
    url = reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
    assert admin_client.get(url).status_code == 200


def test_tasks_are_discovered_per_app():
    celery_app.loader.import_default_modules()
    assert "jiancha.heartbeat" in celery_app.tasks


@pytest.fixture
def worker():
    with celery(*WORKER) as process:
        yield process


@pytest.mark.django_db
def test_real_worker_runs_heartbeat_through_redis(worker, client):
    celery_app.conf.task_always_eager = False
    assert celery_app.conf.broker_url.startswith("redis://")
    start = timezone.now()
    heartbeat.delay()
    # No result is kept (CELERY_TASK_IGNORE_RESULT): the worker process writes the time into the shared cache.
    stamp = wait_until(lambda: client.get("/healthz").json()["worker_heartbeat"], timeout=60, what="worker 执行心跳")
    assert datetime.fromisoformat(stamp) > start
