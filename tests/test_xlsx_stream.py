"""The streaming .xlsx writer, read back with openpyxl: values, styles, layout, and streams that cannot seek."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from exports.xlsx_stream import SheetLayout, Style, XlsxStream

LAYOUT = SheetLayout("台账", [10, 32.5, 8], header_row=2)


def written(rows: list[tuple[list, Style]], layout: SheetLayout = LAYOUT) -> bytes:
    stream = io.BytesIO()
    with XlsxStream(stream, layout) as sheet:
        for values, style in rows:
            sheet.append(values, style)
    return stream.getvalue()


def test_values_read_back_as_written():
    values = [7, 2.5, Decimal("12.50"), True, False, "文本", datetime(2026, 2, 5, 9, 30, 15), date(2026, 3, 31)]
    sheet = load_workbook(io.BytesIO(written([(values, Style.PLAIN)]))).active
    assert [cell.value for cell in sheet[1]] == [
        7, 2.5, 12.5, True, False, "文本", datetime(2026, 2, 5, 9, 30, 15), datetime(2026, 3, 31),
    ]  # fmt: skip
    assert sheet["G1"].number_format == "yyyy-mm-dd h:mm:ss" and sheet["H1"].number_format == "yyyy-mm-dd"


def test_none_and_empty_strings_leave_the_cell_empty_and_keep_the_columns():
    sheet = load_workbook(io.BytesIO(written([(["甲", None, "", "丁"], Style.PLAIN)]))).active
    assert [cell.value for cell in sheet[1]] == ["甲", None, None, "丁"]


def test_markup_spaces_and_newlines_survive_and_illegal_characters_are_dropped():
    text = "  <b>A & B</b> > C\n第二行 "
    sheet = load_workbook(io.BytesIO(written([([text, "响\x00铃\x07", "\u3000全角空格"], Style.PLAIN)]))).active
    assert [cell.value for cell in sheet[1]] == [text, "响铃", "\u3000全角空格"]


def test_aware_datetimes_are_refused():
    with pytest.raises(ValueError, match="time zones"):
        written([([timezone.now()], Style.PLAIN)])


def test_title_and_bold_rows_and_the_layout():
    content = written([(["标题"], Style.TITLE), (["编号", "名称"], Style.BOLD), ([1, "甲"], Style.PLAIN)])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "台账"
    assert (sheet["A1"].font.b, sheet["A1"].font.sz) == (True, 14)
    assert (sheet["B2"].font.b, sheet["B2"].font.sz) == (True, 11) and not sheet["B3"].font.b
    assert [sheet.column_dimensions[c].width for c in "ABC"] == [10, 32.5, 8]
    assert sheet.freeze_panes == "A3" and sheet.print_title_rows == "$2:$2"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)  # A4


def test_a_sheet_without_header_row_in_portrait_has_no_frozen_rows():
    content = written([([1], Style.PLAIN)], SheetLayout("O'Brien 表", [12], landscape=False))
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "O'Brien 表" and sheet.freeze_panes is None and sheet.print_title_rows is None
    assert sheet.page_setup.orientation == "portrait"


class WriteOnly:
    """A stream that can only be written to, like a socket or a pipe."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def test_a_stream_that_cannot_seek_gets_a_readable_workbook():
    stream = WriteOnly()
    with XlsxStream(stream, LAYOUT) as sheet:
        for n in range(3000):  # several flushes
            sheet.append([n, f"第{n}行"])
    content = b"".join(stream.chunks)
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
    rows = list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == 3000 and rows[-1] == (2999, "第2999行")


def test_rows_wider_than_the_widths_get_their_columns():
    sheet = load_workbook(io.BytesIO(written([(list(range(30)), Style.PLAIN)]))).active
    assert sheet["AD1"].value == 29
