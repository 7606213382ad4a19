"""The monthly table for the superior commission as an Excel workbook (openpyxl write-only, a few dozen rows)."""

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cases.statistics import MONTHLY_HEADERS, MonthlyRow, MonthlyTable

MONTHLY_LABEL = "违反中央八项规定精神和“四风”问题月报表"
WIDTHS = (22, 10, 10, 10, 10, 10, 20)
MONEY_FORMAT = "#,##0.00"


def monthly_title(table: MonthlyTable) -> str:
    return f"{table.month:%Y年%m月}{MONTHLY_LABEL}"


def monthly_workbook(table: MonthlyTable, stream: BinaryIO) -> str:
    """Write the table into ``stream`` and return the download's file name."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("月报表")
    _lay_out(sheet)
    sheet.append([_bold(sheet, monthly_title(table), size=14)])
    for section in table.sections:
        sheet.append([])
        sheet.append([_bold(sheet, section.title, size=12)])
        sheet.append([_bold(sheet, header) for header in MONTHLY_HEADERS])
        for row in section.rows:
            sheet.append(_cells(sheet, row))
        sheet.append(_cells(sheet, section.total, bold=True))
    workbook.save(stream)
    return f"八项规定和四风问题月报表-{table.month:%Y%m}.xlsx"


def _lay_out(sheet) -> None:
    # Write-only sheets take their layout before the first row.
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4


def _cells(sheet, row: MonthlyRow, bold: bool = False) -> list[WriteOnlyCell]:
    cells = [WriteOnlyCell(sheet, value=value) for value in row.values()]
    cells[-1].number_format = MONEY_FORMAT
    if bold:
        for cell in cells:
            cell.font = Font(bold=True)
    return cells


def _bold(sheet, value: str, size: int = 11) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True, size=size)
    return cell
