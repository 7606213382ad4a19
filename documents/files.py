"""A document as an Excel workbook (openpyxl write-only) or a Word file (python-docx). Both are written from the
stored content only, so every download says what the page says; links are for the page and are left out."""

import unicodedata
from typing import BinaryIO

from openpyxl import Workbook

from documents.content import is_wide
from documents.models import Document
from exports.sheets import bold_cell, lay_out
from exports.word import add_table, word_document

NARROWEST, WIDEST = 8, 40  # Excel column widths, in the width of a Latin character


def period_text(document: Document) -> str:
    return f"期间：{document.period_start:%Y-%m-%d} 至 {document.period_end:%Y-%m-%d}"


def file_name(document: Document, extension: str) -> str:
    return f"{document.get_kind_display()}-{document.period}.{extension}"


def document_xlsx(document: Document, stream: BinaryIO) -> str:
    """Write the document into ``stream`` as one sheet, its tables one under another; return the file name."""
    content = document.content
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(document.get_kind_display())  # kind labels are short and hold no : / ? * [ ]
    lay_out(sheet, _column_widths(content["sections"]), landscape=is_wide(content))
    sheet.append([bold_cell(sheet, document.title, size=14)])
    sheet.append([period_text(document)])
    for paragraph in content["summary"]:
        sheet.append([paragraph])
    for section in content["sections"]:
        sheet.append([])
        sheet.append([bold_cell(sheet, section["heading"], size=12)])
        for paragraph in section["paragraphs"]:
            sheet.append([paragraph])
        if section["columns"]:
            sheet.append([bold_cell(sheet, column) for column in section["columns"]])
            for row in section["rows"]:
                sheet.append(row)
    workbook.save(stream)
    return file_name(document, "xlsx")


def _column_widths(sections: list[dict]) -> list[float]:
    """Each column as wide as its longest cell over every table, within reason."""
    widths: list[float] = [NARROWEST]
    for section in sections:
        for row in (section["columns"], *section["rows"]):
            widths.extend([NARROWEST] * (len(row) - len(widths)))
            for index, cell in enumerate(row):
                widths[index] = max(widths[index], min(_text_width(cell) + 2, WIDEST))
    return widths


def _text_width(cell) -> int:
    # A Chinese character takes two Latin characters' room.
    text = "" if cell is None else str(cell)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def document_docx(document: Document, stream: BinaryIO) -> str:
    """Write the document into ``stream`` as A4 Word (landscape for a wide table); return the file name."""
    content = document.content
    word = word_document(landscape=is_wide(content))
    word.add_heading(document.title, level=1)
    word.add_paragraph(period_text(document))
    for paragraph in content["summary"]:
        word.add_paragraph(paragraph)
    for section in content["sections"]:
        word.add_heading(section["heading"], level=2)
        for paragraph in section["paragraphs"]:
            word.add_paragraph(paragraph)
        if section["columns"]:
            add_table(word, section["columns"], section["rows"])
    word.save(stream)
    return file_name(document, "docx")
