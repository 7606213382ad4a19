"""Gives each pytest-xdist worker Redis databases of its own, before Django reads its settings.

Loaded with ``-p tests.worker_env`` (scripts/run-tests), so it runs when pytest starts, ahead of pytest-django.
Worker k moves ``REDIS_URL`` and ``CACHE_URL`` up by 2k databases: the tests clear the cache and run real Celery
workers on the broker, which must not reach another worker's keys or tasks. pytest-django already gives each
worker its own test database. Without xdist nothing changes.
"""

import os
from urllib.parse import urlsplit, urlunsplit

REDIS_DATABASES = 16  # Redis's default


def _moved(url: str, by: int) -> str:
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0) + by
    if database >= REDIS_DATABASES:
        raise RuntimeError(f"{url} has no database {database} for this test worker: use lower database numbers")
    return urlunsplit(parts._replace(path=f"/{database}"))


def _give_worker_its_databases() -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return
    by = 2 * int(worker[2:])
    for name in ("REDIS_URL", "CACHE_URL"):
        if os.environ.get(name):
            os.environ[name] = _moved(os.environ[name], by)


_give_worker_its_databases()
