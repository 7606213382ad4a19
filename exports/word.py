"""Word documents (python-docx) set up for Chinese readers on A4, shared by the apps' Word downloads."""

from collections.abc import Iterable, Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "宋体"
HEADING_FONT = "黑体"


def word_document(*, landscape: bool = False) -> WordDocument:
    """An empty A4 document whose text and headings carry Chinese fonts."""
    document = Document()
    section = document.sections[0]
    # The default template is US Letter; a county office prints on A4.
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    document.styles["Normal"].font.size = Pt(10.5)  # 五号
    _east_asian_font(document.styles["Normal"], BODY_FONT)
    for name in ("Heading 1", "Heading 2"):
        _east_asian_font(document.styles[name], HEADING_FONT)
    return document


def _east_asian_font(style, font: str) -> None:
    # Word picks Chinese glyphs from the East Asian font, which the default template leaves to the reader's system;
    # a theme font named on the style would win over ours, so it goes.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), font)


def add_table(document: WordDocument, headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """A gridded table with a bold header row; an empty cell (None) stays blank."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = "" if value is None else str(value)
