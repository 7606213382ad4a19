"""Small pieces for write-only openpyxl sheets, shared by the apps' Excel exports."""

from collections.abc import Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet


def lay_out(sheet, widths: Sequence[float], *, header_row: int | None = None, landscape: bool = True) -> None:
    """Column widths and A4 printing, with ``header_row`` frozen and repeated on every printed page.

    A write-only sheet takes these only before its first row is appended."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if header_row is not None:
        sheet.freeze_panes = f"A{header_row + 1}"
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4


def bold_cell(sheet, value, size: int = 11) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True, size=size)
    return cell
