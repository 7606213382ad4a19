"""A province-sized data set for the performance bench (issue 9), written with COPY into an empty database."""

import time
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction

from cases.models import Case, Clue, Report
from inspections.models import Finding, Team
from inspections.models import Plan as InspectionPlan
from jiancha.scale.checklist import Checklist
from jiancha.scale.oversight import Oversight
from jiancha.scale.people import People
from jiancha.scale.reports import Reports
from jiancha.scale.world import COMMITMENT_EVERY, REMINDER_MONTHS, World
from notifications.models import Notification
from orgs.models import Person, Region, RoleAssignment, Unit
from rectification.models import Commitment, Problem
from responsibility.models import Plan, ProgressReport, Task, TaskCoUnit

# Any of these holding a row means the database is in use: generated ids and numbers would mix with real ones.
IN_USE = [Unit, get_user_model(), Report, Task]


def counts(scale: float, tasks: int | None = None) -> dict[type[models.Model], int]:
    """How many rows ``seed(scale, report, tasks)`` writes to each table."""
    w = World(scale, tasks=tasks)
    return {
        Region: 1 + w.cities + w.counties, Unit: w.count("units"), get_user_model(): w.count("officers"),
        Person: w.count("officers"), RoleAssignment: w.count("officers"), Plan: w.responsibility_plans,
        Task: w.count("tasks"), TaskCoUnit: w.count("tasks") if w.count("units") > 1 else 0,
        ProgressReport: w.count("progress_reports"), Notification: w.count("officers") * REMINDER_MONTHS,
        Report: w.count("reports"), Clue: w.count("clues"), Case: w.count("cases"), Team: w.teams,
        InspectionPlan: w.inspection_plans, Finding: w.count("findings"), Problem: w.count("problems"),
        Commitment: -(-w.count("problems") // COMMITMENT_EVERY),
    }  # fmt: skip


def in_use() -> dict[str, int]:
    """The tables that already hold rows (verbose name: count); empty when the database may be seeded."""
    found = {model._meta.verbose_name: model.objects.count() for model in IN_USE}
    return {name: count for name, count in found.items() if count}


def seed(scale: float, report: Callable[[type[models.Model], int, float], None], tasks: int | None = None) -> None:
    """Fill an empty database in one transaction; ``report(model, rows, seconds)`` is called after each table.

    ``tasks``, when given, replaces the scaled number of checklist tasks.
    """
    world = World(scale, tasks=tasks)
    people = People(world)
    checklist, reports, oversight = Checklist(world, people), Reports(world, people), Oversight(world, people)
    steps = [
        (Region, people.regions), (Unit, people.units_table), (get_user_model(), people.users),
        (Person, people.persons), (RoleAssignment, people.roles), (Plan, checklist.plans),
        (Task, checklist.tasks_table), (TaskCoUnit, checklist.co_units), (ProgressReport, checklist.progress),
        (Notification, checklist.reminders), (Report, reports.reports_table), (Clue, reports.clues_table),
        (Case, reports.cases_table), (Team, oversight.teams), (InspectionPlan, oversight.plans),
        (Finding, oversight.findings_table), (Problem, oversight.problems_table), (Commitment, oversight.commitments),
    ]  # fmt: skip
    with transaction.atomic():
        for model, step in steps:
            started = time.perf_counter()
            rows = step()
            report(model, rows, time.perf_counter() - started)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Fresh statistics, or the planner would judge the lists by the empty tables it last saw; and the visibility
        # map, without which a deep page's walk over an index must visit the table too (no index-only scans).
        # VACUUM cannot run inside a transaction: a caller's atomic block (a test's) gets the statistics only.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    report(None, 0, time.perf_counter() - started)
