"""Every default list page, and the filtered pages the dashboard links to, reads its first page through an index.

The data set is built with a handful of ``INSERT … SELECT generate_series`` statements and then ANALYZEd, so the
planner sees tables big enough that a sequential scan would be a real cost. The rule: no "Seq Scan" node over a table
holding at least ``LARGE`` rows; smaller tables (units, people, plans, teams…) are lookup tables that PostgreSQL
rightly reads whole. Everything happens in the test's transaction and is rolled back with it.
"""

import json

import pytest
from django.db import connection
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.test import RequestFactory
from rest_framework.request import Request

from cases import api as cases_api
from cases import selectors as intake_selectors
from cases import selectors_cases, selectors_clues
from cases.models import Case, Clue, Report
from common.pagination import ListPaginator
from documents.access import documents_visible
from documents.models import Document
from inspections import api as inspections_api
from inspections import selectors as inspection_selectors
from inspections.models import Finding, Plan, Team
from jobs.models import JobRun
from notifications.models import Notification
from orgs.models import Person, Region, Unit
from rectification import api as rectification_api
from rectification.access import commitments_public, problems_visible
from rectification.filters_problems import ProblemFilter
from rectification.models import Commitment, Problem
from responsibility import api as responsibility_api
from responsibility import selectors as ledger_selectors
from responsibility.models import Plan as TaskPlan
from responsibility.models import ProgressReport, Task

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans asked about are PostgreSQL's")

ROWS = 10_000  # per big table: a page of 20 is 0.2% of it, so any plan reading the whole table shows up
LARGE = 5_000
UNITS = 40
PAGE = 20
SINCE, UNTIL = "2026-03-01", "2026-04-30"


def _value(field, g: str) -> str | None:
    """A SQL expression for one column of row ``g``; None leaves the column to the override or the default."""
    if field.choices:
        values = ", ".join(f"'{value}'" for value, _ in field.flatchoices)
        return f"(ARRAY[{values}])[1 + {g} % {len(field.flatchoices)}]"
    if field.null:
        return "NULL"
    kind = field.get_internal_type()
    if kind in ("CharField", "TextField", "SlugField", "EmailField", "URLField", "FileField"):
        return f"left('{field.column}-' || {g}, {field.max_length or 200})"
    if kind in ("IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "SmallIntegerField"):
        return f"({g} % 100)"
    if kind in ("BigIntegerField", "PositiveBigIntegerField", "DecimalField", "FloatField"):
        return f"{g}"
    if kind == "BooleanField":
        return f"({g} % 2 = 0)"
    if kind == "DateField":
        return f"date '2026-01-01' + ({g} % 365)"
    if kind == "DateTimeField":
        return f"timestamptz '2026-01-01 08:00+08' + {g} * interval '23 minutes'"
    if kind == "JSONField":
        return "'{}'::jsonb"
    if kind == "UUIDField":
        return "gen_random_uuid()"
    raise NotImplementedError(f"{field.model.__name__}.{field.name}: {kind}")


def _fill(model: type[Model], count: int, **overrides: str) -> None:
    """Insert ``count`` rows of ``model`` in one statement; ``overrides`` are SQL expressions of ``g`` (1…count)."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.name not in overrides:
            continue
        if field.name in overrides:
            sql = overrides[field.name]
        elif field.is_relation and not field.null:
            raise ValueError(f"{model.__name__}.{field.name}: a required relation needs an override")
        else:
            sql = _value(field, "g")
        columns.append(connection.ops.quote_name(field.column))
        values.append(sql)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} FROM generate_series(1, {count}) AS g"
        )


def _pick(model: type[Model]) -> str:
    """One of ``model``'s rows for row ``g``, cycling through them (their ids are consecutive: one INSERT made them)."""
    first, count = (model.objects.order_by("pk").values_list("pk", flat=True).first(), model.objects.count())
    return f"{first} + g % {count}"


@pytest.fixture
def scale_data(staff_user):
    user = str(staff_user.pk)
    _fill(Region, 1)
    _fill(Unit, UNITS, region=_pick(Region))
    _fill(Person, 200, unit=_pick(Unit), user="NULL")
    _fill(TaskPlan, 5, year="2026", number="g")
    _fill(Task, ROWS, plan=_pick(TaskPlan), number="g", lead_unit=_pick(Unit), owner=_pick(Person))
    _fill(ProgressReport, ROWS, task=_pick(Task), unit=_pick(Unit), period="date '2026-01-01'", submitted_by="NULL")
    _fill(Report, ROWS, number="'J' || g", accused_unit="NULL")
    _fill(Clue, ROWS, report=_pick(Report), number="'X' || g", accused_unit=_pick(Unit), proposed_by=user)
    _fill(Case, ROWS, clue=_pick(Clue), number="'A' || g", handled_by=user)
    _fill(Team, 5, leader=_pick(Person))
    _fill(Plan, 20, team=_pick(Team), created_by=user)
    _fill(Finding, ROWS, plan=_pick(Plan), unit=_pick(Unit), recorded_by=user)
    _fill(Problem, ROWS, unit=_pick(Unit), source_id="g")
    _fill(Commitment, ROWS, problem="(SELECT min(id) FROM rectification_problem) + g - 1")
    _fill(Notification, ROWS, recipient=user, job="'monthly'", period="g::text")
    _fill(Document, ROWS, period="g::text")
    _fill(JobRun, ROWS, job="'monthly_progress_reminder'")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _get(user, **params: str):
    request = RequestFactory().get("/", params)
    request.user = user
    return request


def _params(**params: str) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(params)
    return query


def _problems(user, **params: str) -> QuerySet:
    problem_filter = ProblemFilter(_params(**params), queryset=problems_visible(user), user=user)
    assert problem_filter.is_valid(), problem_filter.errors
    return problem_filter.qs


def _lists(user) -> dict[str, QuerySet]:
    """The querysets the list pages page through, as their views build them."""
    unit = str(Unit.objects.order_by("pk").values_list("pk", flat=True)[3])
    ledger = lambda **p: ledger_selectors.task_ledger_filtered(user, _params(**p))[1]  # noqa: E731
    queue = lambda **p: intake_selectors.report_queue(user, _params(**p))[1]  # noqa: E731
    clues = lambda **p: selectors_clues.clue_list_filtered(user, _params(**p))[1]  # noqa: E731
    cases = lambda **p: selectors_cases.case_list_filtered(user, _params(**p))[1]  # noqa: E731
    findings = lambda **p: inspection_selectors.finding_list_filtered(_get(user, **p))[1]  # noqa: E731
    return {
        "ledger": ledger(),
        "ledger status": ledger(status=Task.Status.IN_PROGRESS),
        "ledger unit": ledger(unit=unit),
        "intake queue": queue(),
        "clues": clues(),
        "clues status": clues(status=Clue.Status.PROPOSED),
        "clues since/until": clues(since=SINCE, until=UNTIL),
        "cases": cases(),
        "cases stage": cases(stage=Case.Stage.INVESTIGATION),
        "findings": findings(),
        "findings unit": findings(unit=unit),
        "problems": _problems(user),
        "problems status": _problems(user, status=Problem.Status.PENDING),
        "problems unit": _problems(user, unit=unit),
        "public commitments": commitments_public().order_by("-published_at", "-pk"),
        "inbox": Notification.objects.filter(recipient=user),
        "documents": documents_visible(user).defer("content"),
        "job runs": JobRun.objects.filter(job="monthly_progress_reminder"),
    }


def _api_lists(user) -> dict[str, QuerySet]:
    """The querysets the API lists page through: each viewset's own, through its filter backends."""
    viewsets = {
        "API tasks": responsibility_api.TaskViewSet,
        "API reports": cases_api.ReportViewSet,
        "API clues": cases_api.ClueViewSet,
        "API cases": cases_api.CaseViewSet,
        "API findings": inspections_api.FindingViewSet,
        "API problems": rectification_api.ProblemViewSet,
    }
    lists = {}
    for name, viewset in viewsets.items():
        view = viewset(action="list", kwargs={}, format_kwarg=None)
        view.request = Request(RequestFactory().get("/"))
        view.request.user = user
        lists[name] = view.filter_queryset(view.get_queryset())
    return lists


def _seq_scans(plan: dict) -> list[str]:
    found = [plan["Relation Name"]] if plan["Node Type"] == "Seq Scan" else []
    for child in plan.get("Plans", []):
        found += _seq_scans(child)
    return found


def _large_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= %s", [LARGE])
        return {name for (name,) in cursor.fetchall()}


def _plan(queryset: QuerySet) -> dict:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        (result,) = cursor.fetchone()
    return (json.loads(result) if isinstance(result, str) else result)[0]["Plan"]


def test_first_pages_of_the_lists_scan_no_large_table(scale_data, staff_user):
    large = _large_tables()
    assert {"responsibility_task", "cases_clue", "notifications_notification"} <= large  # the data set took
    lists = _lists(staff_user) | _api_lists(staff_user)
    # Each page as common.pagination.ListPaginator reads it (its ids in a subquery, then those rows).
    scans = {name: _seq_scans(_plan(ListPaginator(qs, PAGE).rows(1))) for name, qs in lists.items()}
    assert {name: sorted(set(tables) & large) for name, tables in scans.items() if set(tables) & large} == {}
