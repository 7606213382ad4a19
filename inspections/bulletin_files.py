"""A stored bulletin as an Excel workbook (openpyxl write-only) or a Word document (python-docx): both are written
from the stored snapshot only, so every download of a bulletin says the same as the page."""

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment

from exports.sheets import bold_cell, lay_out
from exports.word import add_table, word_document
from inspections.bulletins import bulletin_summary
from inspections.models import Bulletin

FINDING_COLUMNS = (
    ("序号", 6), ("被查单位", 20), ("问题类别", 16), ("发现时间", 17), ("地点", 20), ("问题描述", 50), ("处理方式", 14),
)  # fmt: skip
FINDING_KEYS = ("unit", "category", "occurred_at", "place", "description", "disposition")
SECTIONS = (("按处理方式", "by_disposition"), ("按问题类别", "by_category"), ("按被查单位", "by_unit"))


def period_text(bulletin: Bulletin) -> str:
    return f"统计期间：{bulletin.period_start:%Y-%m-%d} 至 {bulletin.period_end:%Y-%m-%d}"


def finding_rows(content: dict) -> list[list]:
    return [[index, *(row[key] for key in FINDING_KEYS)] for index, row in enumerate(content["findings"], start=1)]


def file_name(bulletin: Bulletin, extension: str) -> str:
    return f"{bulletin.get_kind_display()}-{bulletin.period_start:%Y%m%d}.{extension}"


def bulletin_workbook(bulletin: Bulletin, stream: BinaryIO) -> str:
    """Write the bulletin into ``stream`` (a summary sheet and the list of findings); return the file name."""
    workbook = Workbook(write_only=True)
    _summary_sheet(workbook.create_sheet("汇总"), bulletin)
    _findings_sheet(workbook.create_sheet("问题清单"), bulletin)
    workbook.save(stream)
    return file_name(bulletin, "xlsx")


def _summary_sheet(sheet, bulletin: Bulletin) -> None:
    content = bulletin.content
    lay_out(sheet, (30, 10), landscape=False)
    sheet.append([bold_cell(sheet, bulletin.title, size=14)])
    sheet.append([period_text(bulletin)])
    sheet.append([bulletin_summary(content)])
    for heading, key in SECTIONS:
        sheet.append([])
        sheet.append([bold_cell(sheet, heading), bold_cell(sheet, "问题数")])
        for row in content[key]:
            sheet.append([row["label"], row["count"]])


def _findings_sheet(sheet, bulletin: Bulletin) -> None:
    lay_out(sheet, [width for _, width in FINDING_COLUMNS], header_row=1)
    sheet.append([bold_cell(sheet, name) for name, _ in FINDING_COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in finding_rows(bulletin.content):
        cells = [WriteOnlyCell(sheet, value=value) for value in row]
        for cell in cells:
            cell.alignment = wrap
        sheet.append(cells)


def bulletin_document(bulletin: Bulletin, stream: BinaryIO) -> str:
    """Write the bulletin as a Word document (A4 landscape, for the wide list of findings); return the file name."""
    content = bulletin.content
    document = word_document(landscape=True)
    document.add_heading(bulletin.title, level=1)
    document.add_paragraph(period_text(bulletin))
    document.add_paragraph(bulletin_summary(content))
    for heading, key in SECTIONS:
        if content[key]:
            document.add_heading(heading, level=2)
            add_table(document, ("项目", "问题数"), [(row["label"], row["count"]) for row in content[key]])
    if content["findings"]:
        document.add_heading("问题清单", level=2)
        add_table(document, tuple(name for name, _ in FINDING_COLUMNS), finding_rows(content))
    document.save(stream)
    return file_name(bulletin, "docx")
