"""The ledger as an Excel workbook, written row by row (openpyxl write-only) so memory stays flat."""

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import BinaryIO

from django.db.models import Model
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.registry import Progress
from responsibility import selectors
from responsibility.filters import TaskFilter
from responsibility.models import Task

LEDGER_EXPORT = "responsibility.ledger"
LEDGER_LABEL = "责任清单台账"
# Rows fetched per query (with their co-units prefetched per chunk): queries stay few and memory flat.
CHUNK_SIZE = 1000
COLUMNS = (
    ("任务编号", 10), ("专项治理方案", 32), ("任务名称", 40), ("责任领导", 10), ("牵头单位", 16), ("协办单位", 40),
    ("状态", 12), ("进度(%)", 9), ("最近报送", 18), ("下一节点", 12), ("是否滞后", 9),
)  # fmt: skip
HEADERS = tuple(name for name, _ in COLUMNS)


def ledger_row(task: Task) -> list:
    """One task as the export and the print view show it, in the order of ``HEADERS``."""
    last_report = timezone.localtime(task.last_report_at).replace(tzinfo=None) if task.last_report_at else None
    return [
        task.number, str(task.plan), task.title, task.owner.name, task.lead_unit.name,
        "、".join(unit.name for unit in task.co_units.all()), task.get_status_display(), task.progress,
        last_report, task.next_milestone, "是" if task.is_lagging else "否",
    ]  # fmt: skip


def ledger_rows(tasks) -> Iterator[list]:
    return (ledger_row(task) for task in tasks.iterator(chunk_size=CHUNK_SIZE))


def describe_filters(task_filter: TaskFilter) -> str:
    """The filters in force, e.g. "状态：推进中；滞后：是", for the title of the export and the print view."""
    if not task_filter.is_valid():
        return "筛选条件有误（无数据）"
    form = task_filter.form
    parts = []
    for name, value in form.cleaned_data.items():
        if value in (None, "", []):
            continue
        field = form.fields[name]
        shown = _ordering(field, value) if name == "ordering" else _display(field, value)
        parts.append(f"{field.label}：{shown}")
    return "；".join(parts) or "全部任务"


def _ordering(field, values: list[str]) -> str:
    # Labelled here: django-filter's "(descending)" suffix has no Chinese translation.
    labels = dict(field.choices)
    return "、".join(labels.get(v.lstrip("-"), v) + ("（降序）" if v.startswith("-") else "") for v in values)


def _display(field, value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return f"{value:f}".removesuffix(".0")
    if isinstance(value, Model):
        return str(value)
    return str(dict(getattr(field, "choices", ())).get(value, value))


def ledger_title(task_filter: TaskFilter, at: datetime) -> str:
    return f"{LEDGER_LABEL}　筛选条件：{describe_filters(task_filter)}　导出时间：{at:%Y-%m-%d %H:%M}"


def export_ledger(*, user, params: dict, stream: BinaryIO, progress: Progress) -> str:
    """The ledger exporter (see ``exports.registry.ExportFunction``): the user's filtered ledger as .xlsx."""
    task_filter, tasks = selectors.task_ledger_filtered(user, params)
    total = tasks.count()
    progress(0, total)
    now = timezone.localtime()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    _lay_out(sheet)
    sheet.append([_cell(sheet, ledger_title(task_filter, now), size=14)])
    sheet.append([_cell(sheet, name) for name in HEADERS])
    done = 0
    for done, row in enumerate(ledger_rows(tasks), start=1):
        sheet.append(row)
        progress(done, total)
    if done != total:  # rows came or went while exporting
        progress(done, done)
    workbook.save(stream)
    return f"{LEDGER_LABEL}-{now:%Y%m%d-%H%M}.xlsx"


def _lay_out(sheet) -> None:
    """Column widths, frozen headers and A4 landscape printing; write-only sheets take these before any row."""
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4


def _cell(sheet, value: str, size: int = 11) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True, size=size)
    return cell
