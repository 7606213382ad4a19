"""The monthly progress reminder at province size: 10,000 units, 30,000 officers, 10,000 tasks with two co-units each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jiancha .venv/bin/python bench/monthly_reminder.py

Everything happens in a scratch database named after DATABASE_URL's with ``_bench`` appended, created (migrated) at
the start and dropped at the end, so the database DATABASE_URL names is never touched. E-mails go to Celery's
in-process ``memory://`` broker: enqueueing costs what it costs, no worker is needed, and nothing is sent.
"""

import logging
import os
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiancha.settings")

import django

from bench.scratch import refuse_sqlite, scratch_database

UNITS = 10_000  # each with 3 officers, and leading one task with the next two units as co-units
COMPLETE_EVERY = 5  # one unit in five has filed all its October reports and gets no reminder
RUN_DAY = date(2026, 10, 25)
LIMIT_SECONDS = 60
BATCH = 5000


def _email_to_memory_broker() -> None:
    from jiancha.celery import app

    # One INFO line per officer without an address would bury the figures.
    logging.getLogger("notifications").setLevel(logging.WARNING)

    # memory:// is an in-process queue: each e-mail is still enqueued as a task, but nothing needs to consume it.
    app.conf.update(broker_url="memory://localhost/", result_backend="cache+memory://", task_always_eager=False)


def _units_and_officers() -> list:
    from django.contrib.auth import get_user_model

    from orgs.models import Person, Region, Role, RoleAssignment, Unit

    User = get_user_model()
    region = Region.objects.create(name="基准县", code="990000", level=Region.Level.COUNTY)
    units = Unit.objects.bulk_create(
        [Unit(region=region, name=f"基准单位{n:05d}", kind=Unit.Kind.DEPARTMENT, sort_order=n) for n in range(UNITS)],
        batch_size=BATCH,
    )
    users = User.objects.bulk_create([User(username=f"bench{n}", password="!") for n in range(len(units) * 3)], BATCH)
    people = [
        Person(user=user, name=f"联络员{n}", unit=units[n // 3], email=f"o{n}@bench.example" if n % 2 else "")
        for n, user in enumerate(users)
    ]
    Person.objects.bulk_create(people, batch_size=BATCH)
    RoleAssignment.objects.bulk_create([RoleAssignment(person=p, role=Role.UNIT_OFFICER) for p in people], BATCH)
    return units


def _tasks(units: list) -> list[tuple]:
    """One task led by each unit, with the next two units as co-units; returns every (task, unit) pair."""
    from orgs.models import Person
    from responsibility.models import Plan, Task, TaskCoUnit

    common = {
        "plan": Plan.objects.create(year=2026, number=1, title="基准方案"),
        "owner": Person.objects.create(name="责任领导", unit=units[0]),
        "content": "—", "standard": "—", "acceptance_method": "—", "starts_on": date(2026, 1, 1),
    }  # fmt: skip
    statuses = [Task.Status.IN_PROGRESS] * 18 + [Task.Status.NOT_STARTED, Task.Status.CLOSED]
    tasks = Task.objects.bulk_create(
        [
            Task(number=n + 1, title=f"基准任务{n + 1}", lead_unit=unit, status=statuses[n % len(statuses)], **common)
            for n, unit in enumerate(units)
        ],
        batch_size=BATCH,
    )
    links = [TaskCoUnit(task=task, unit=units[(n + k) % len(units)]) for n, task in enumerate(tasks) for k in (1, 2)]
    TaskCoUnit.objects.bulk_create(links, batch_size=BATCH)
    return [(task, task.lead_unit) for task in tasks] + [(link.task, link.unit) for link in links]


def populate() -> None:
    from responsibility.models import ProgressReport

    units = _units_and_officers()
    pairs = _tasks(units)
    reports = [
        ProgressReport(task=task, unit=unit, period=RUN_DAY.replace(day=1), text="—", percent=50)
        for task, unit in pairs
        if unit.sort_order % COMPLETE_EVERY == 0
    ]
    ProgressReport.objects.bulk_create(reports, batch_size=BATCH)
    print(f"data: {len(units)} units, {len(units) * 3} officers (half with e-mail), {len(pairs) // 3} tasks, "
          f"{len(pairs)} (task, unit) pairs, {len(reports)} October reports filed")  # fmt: skip


@contextmanager
def counting_queries():
    from django.db import connection

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        yield count


def timed_run(label: str) -> tuple[float, int]:
    from jobs.models import JobRun
    from jobs.runner import run_job

    with counting_queries() as queries:
        started = time.perf_counter()
        run = run_job("monthly_progress_reminder", day=RUN_DAY, trigger=JobRun.Trigger.COMMAND)
        seconds = time.perf_counter() - started
    if run.status != JobRun.Status.SUCCEEDED:
        sys.exit(f"{label}: the job failed:\n{run.error}")
    per_thousand = f"{queries[0] * 1000 / run.delivered:.1f}" if run.delivered else "—"
    print(f"{label}: {seconds:.2f} s, delivered {run.delivered}, queries {queries[0]}, "
          f"queries per 1000 reminders {per_thousand}")  # fmt: skip
    return seconds, run.delivered


def main() -> None:
    refuse_sqlite("bench/monthly_reminder.py")
    django.setup()
    _email_to_memory_broker()
    with scratch_database():
        started = time.perf_counter()
        populate()
        print(f"populated in {time.perf_counter() - started:.1f} s")
        first, delivered = timed_run("first run ")
        _, again = timed_run("second run")
        from notifications.models import Notification

        queued = Notification.objects.filter(email_status=Notification.EmailStatus.PENDING).count()
        print(f"e-mails enqueued to memory:// (not sent): {queued}")
    if first > LIMIT_SECONDS or again:
        sys.exit(f"FAILED: first run {first:.1f} s (limit {LIMIT_SECONDS} s), second run delivered {again}")
    print(f"OK: {delivered} reminders in {first:.1f} s (limit {LIMIT_SECONDS} s); the second run delivered nothing")


if __name__ == "__main__":
    main()
