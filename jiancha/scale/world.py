"""The shape of a generated province: how many rows of each kind, and the dates they fall on.

Every count is the full-size figure of issue 9 times ``scale`` (at least one), except the task count when ``tasks``
is given (the ledger export bench wants 100,000 tasks without a province of everything else); the derived tables
(regions, plans, teams, co-units, commitments, reminders) follow from those. Rows are spread evenly over the year
before ``now``, so the newest items sit at the top of every list and the monthly tables have data in each month.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from math import ceil

from django.utils import timezone

from responsibility.periods import month_start, previous_month

FULL_SIZE = {
    "units": 10_000, "officers": 30_000, "tasks": 20_000, "progress_reports": 100_000, "reports": 1_000_000,
    "clues": 300_000, "cases": 50_000, "findings": 200_000, "problems": 300_000,
}  # fmt: skip
TASKS_PER_PLAN = 1000
FINDINGS_PER_PLAN = 1000
REMINDER_MONTHS = 12  # a year of monthly progress reminders, one per officer each month
COMMITMENT_EVERY = 10  # one problem in ten carries a published public commitment
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class World:
    scale: float
    now: datetime = field(default_factory=timezone.now)
    tasks: int | None = None

    def count(self, name: str) -> int:
        if name == "tasks" and self.tasks:
            return self.tasks
        return max(1, round(FULL_SIZE[name] * self.scale))

    @property
    def counties(self) -> int:
        return ceil(self.count("units") / 100)

    @property
    def cities(self) -> int:
        return ceil(self.counties / 10)

    @property
    def responsibility_plans(self) -> int:
        return ceil(self.count("tasks") / TASKS_PER_PLAN)

    @property
    def inspection_plans(self) -> int:
        return ceil(self.count("findings") / FINDINGS_PER_PLAN)

    @property
    def teams(self) -> int:
        return min(10, self.inspection_plans)

    def at(self, i: int, n: int) -> datetime:
        """The ``i``-th of ``n`` moments spread evenly over the past year, oldest first."""
        return self.now - YEAR + YEAR * (i + 1) / (n + 1)

    def on(self, day: date, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    def months_back(self, n: int) -> list[date]:
        """The first days of the ``n`` months before this one, oldest first."""
        months = [previous_month(month_start(timezone.localdate(self.now)))]
        while len(months) < n:
            months.append(previous_month(months[-1]))
        return months[::-1]
