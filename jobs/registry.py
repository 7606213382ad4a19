"""The scheduled jobs: each module of this app registers its jobs here, and beat, ``run_job`` and the job-runs page
read them from here.

A job is a function of the day it runs for (``Context.day``): it computes its period from that day, delivers its
reminders through ``notifications.services.deliver`` (exactly once per person, job, period and subject) and stores
its documents through ``documents.services.document_store`` (once per kind and period). So any job may run any
number of times for any day, and only the first run for a period delivers.

Jobs whose dates a crontab cannot say (the first working day of a quarter, 3 working days before a holiday) run
daily and decide from the day whether there is anything to do; ``Context.note`` says why not.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Context:
    day: date
    options: dict  # the job's ``defaults`` overlaid with the kwargs stored on its schedule
    delivered: int = 0
    skipped: int = 0
    documents: int = 0
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        """A line of the run's record: a skipped recipient and why, a day with nothing to do."""
        self.notes.append(text)

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.note(reason)


@dataclass(frozen=True)
class Job:
    name: str  # also the Celery task's name and the schedule's name
    label: str
    when: str  # the default schedule in words, for the page
    run: Callable[[Context], None]
    crontab: dict  # the default schedule: minute, hour, day_of_month, month_of_year, day_of_week
    defaults: dict = field(default_factory=dict)


# The order of DOMAIN.md §5, in which the page lists them.
ORDER = (
    "monthly_progress_reminder",
    "monthly_ranking",
    "monthly_statistics",
    "quarterly_bulletin",
    "holiday_notice",
    "post_holiday_summary",
    "daily_deadlines",
    "weekly_inspection_bulletin",
)
DAILY = {"minute": "0", "hour": "8", "day_of_month": "*", "month_of_year": "*", "day_of_week": "*"}
_jobs: dict[str, Job] = {}


def register(job: Job) -> Job:
    _jobs[job.name] = job
    return job


def job_named(name: str) -> Job | None:
    return _jobs.get(name)


def all_jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: ORDER.index(job.name) if job.name in ORDER else len(ORDER))
