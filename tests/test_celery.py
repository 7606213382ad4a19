"""Celery: schedules stored in the database, and one real worker process running a task through Redis."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from jiancha.celery import app as celery_app
from jiancha.tasks import heartbeat

ROOT = Path(__file__).resolve().parent.parent


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
    if not settings.REDIS_URL:
        pytest.fail("REDIS_URL must name a Redis server: this test runs a real worker through it")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "jiancha", "worker", "--pool=solo", "--concurrency=1",
         "--loglevel=warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.mark.django_db
def test_real_worker_runs_heartbeat_through_redis(worker, client):
    celery_app.conf.task_always_eager = False
    assert celery_app.conf.broker_url.startswith("redis://")
    result = heartbeat.delay()
    stamp = result.get(timeout=60)  # blocks on the result in Redis, written by the worker process
    assert result.successful()
    assert client.get("/healthz").json()["worker_heartbeat"] == stamp
