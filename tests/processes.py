"""Real Celery processes for the tests that prove work goes through Redis: a worker, and beat."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
WORKER = ["worker", "--pool=solo", "--concurrency=1", "--without-gossip", "--without-mingle", "--without-heartbeat"]
BEAT = ["beat", "--pidfile=", "--max-interval=1"]


def _test_database_url() -> str:
    """The test database, so the processes read and write what the test sees (it must commit: transaction=True)."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@contextmanager
def celery(*args: str) -> Iterator[subprocess.Popen]:
    if not settings.REDIS_URL:
        raise RuntimeError("REDIS_URL must name a Redis server: this test runs real Celery processes through it")
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "CELERY_TASK_ALWAYS_EAGER": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "jiancha", *args, "--loglevel=warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
