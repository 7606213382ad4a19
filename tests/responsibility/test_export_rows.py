"""The streamed ledger rows: the same values the ledger page's tasks carry, and the workbook's layout."""

import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from orgs.models import Unit
from responsibility import ledger_export, selectors
from responsibility.models import ProgressReport, Task
from responsibility.periods import month_start, previous_month, today
from tests.factories import PlanFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db


def page_row(task: Task) -> list:
    """A task of ``selectors.task_ledger`` as the ledger showed it before rows were streamed (model instances)."""
    last = timezone.localtime(task.last_report_at).replace(tzinfo=None) if task.last_report_at else None
    return [
        task.number, str(task.plan), task.title, task.owner.name, task.lead_unit.name,
        "、".join(unit.name for unit in task.co_units.all()), task.get_status_display(), task.progress, last,
        task.next_milestone, "是" if task.is_lagging else "否",
    ]  # fmt: skip


@pytest.fixture
def varied_tasks(db):
    """Tasks that lag for each reason and that do not, with none, one or three co-units in mixed order."""
    day = today()
    plan = PlanFactory(title="作风建设 <重点> & 专项")
    units = [
        UnitFactory(name="丙镇", kind=Unit.Kind.TOWNSHIP, sort_order=1),
        UnitFactory(name="乙局", kind=Unit.Kind.DEPARTMENT, sort_order=9),
        UnitFactory(name="甲局", kind=Unit.Kind.DEPARTMENT, sort_order=2),
    ]
    TaskFactory(plan=plan, co_units=units, milestones=[(day - timedelta(days=3), 30)])
    TaskFactory(plan=plan, co_units=units[:1], status=Task.Status.CLOSED, milestones=[(day - timedelta(days=3), 30)])
    reported_at = timezone.now().replace(microsecond=0) - timedelta(days=2)  # Excel keeps milliseconds at most
    reported = TaskFactory(
        co_units=units[1:2], status=Task.Status.IN_PROGRESS, starts_on=month_start(day) - timedelta(days=40),
        milestones=[(day + timedelta(days=30), 100)], progress=60, last_report_at=reported_at,
    )  # fmt: skip
    for unit in (reported.lead_unit, units[1]):
        ProgressReport.objects.create(task=reported, unit=unit, period=previous_month(day), text="—", percent=60)
    # The co-unit has not reported last month: lagging on the missed-report rule alone.
    TaskFactory(co_units=units[1:2], status=Task.Status.IN_PROGRESS, starts_on=month_start(day) - timedelta(days=40))
    TaskFactory(starts_on=month_start(day))  # started this month: nothing due yet


@pytest.mark.parametrize("params", [{}, {"ordering": "-progress"}, {"lagging": "true"}, {"status": "closed"}])
def test_rows_match_the_ledger_pages_tasks(staff_user, varied_tasks, params):
    _, tasks = selectors.task_ledger_filtered(staff_user, params)
    expected = [page_row(task) for task in tasks]
    assert list(ledger_export.ledger_rows(tasks)) == expected
    assert expected, "each case has rows"


def test_the_cases_cover_lagging_and_not_and_several_co_units(staff_user, varied_tasks):
    _, tasks = selectors.task_ledger_filtered(staff_user, {})
    rows = list(ledger_export.ledger_rows(tasks))
    assert {row[10] for row in rows} == {"是", "否"} and sum(row[10] == "是" for row in rows) == 2
    assert rows[0][5] == "甲局、乙局、丙镇" and rows[0][1].endswith("作风建设 <重点> & 专项")


def test_invalid_filters_give_no_rows(staff_user, varied_tasks):
    _, tasks = selectors.task_ledger_filtered(staff_user, {"status": "bogus"})
    assert list(ledger_export.ledger_rows(tasks)) == []


def export(user) -> io.BytesIO:
    stream = io.BytesIO()
    ledger_export.export_ledger(user=user, params={}, stream=stream, progress=lambda done, total: None)
    return stream


def test_workbook_keeps_the_ledger_layout(staff_user, varied_tasks):
    sheet = load_workbook(export(staff_user)).active
    assert sheet.title == "台账"
    assert [sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJK"] == [w for _, w in ledger_export.COLUMNS]
    assert sheet.freeze_panes == "A3" and sheet.print_title_rows == "$2:$2"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)  # A4
    assert (sheet["A1"].font.b, sheet["A1"].font.sz) == (True, 14) and sheet["A2"].font.b
    assert sheet.max_row == 2 + Task.objects.count()


@pytest.mark.django_db(transaction=True)  # rows read ahead on another connection must be committed
def test_rows_read_ahead_match_the_rows_read_in_turn(staff_user, varied_tasks, monkeypatch):
    monkeypatch.setattr(ledger_export, "CHUNK_SIZE", 2)  # several chunks: the export reads ahead past one
    _, tasks = selectors.task_ledger_filtered(staff_user, {})
    expected = [page_row(task) for task in tasks]
    assert list(ledger_export.ledger_rows(tasks, ahead=True)) == expected
    rows = list(load_workbook(export(staff_user), read_only=True).active.iter_rows(values_only=True))
    assert [list(row) for row in rows[2:]] == [
        [*row[:5], row[5] or None, *row[6:9], _midnight(row[9]), row[10]] for row in expected
    ]


def _midnight(day):
    # openpyxl reads dates back as datetimes, empty strings as empty cells.
    return datetime.combine(day, datetime.min.time()) if day else None
