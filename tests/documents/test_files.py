"""A document downloaded as Excel and as Word, read back: what the page shows, under a Chinese file name."""

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from tests.documents.factories import hand_made, stored

pytestmark = pytest.mark.django_db


def download(client, document, kind: str):
    response = client.get(reverse(f"documents:{kind}", args=[document.pk]))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_excel_holds_the_title_summary_and_tables(officer_client):
    document = stored()
    response, body = download(officer_client, document, "excel")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("季度通报-2026-Q3.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == ["季度通报"]
    rows = [row for row in workbook["季度通报"].iter_rows(values_only=True) if any(cell is not None for cell in row)]
    assert [row[0] for row in rows] == [
        "2026年第三季度正风肃纪情况通报",
        "期间：2026-07-01 至 2026-09-30",
        "本季度共发现问题12个，涉及2个单位。",
        "请各单位对照整改。",
        "一、各单位问题数",
        "按被查单位统计。",
        "单位",
        "甲镇",
        "乙镇",
        "二、<b>典型</b>问题",
        "工作人员上班时间玩手机游戏。",
    ]
    assert rows[6][:3] == ("单位", "问题数", "得分")
    assert rows[7][:3] == ("甲镇", 7, 95.5) and rows[8][:3] == ("乙镇", 5, None)  # numbers stay numbers
    assert "查看排名" not in [cell for row in rows for cell in row]  # links belong to the page


def test_excel_prints_a_wide_table_landscape(staff_client):
    _, body = download(staff_client, stored(content=hand_made(columns=8)), "excel")
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.page_setup.orientation == "landscape" and sheet.max_column == 8


def test_word_holds_the_text_and_tables(officer_client):
    document = stored()
    response, body = download(officer_client, document, "word")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote("季度通报-2026-Q3.docx")
    word = WordDocument(io.BytesIO(body))
    assert [paragraph.text for paragraph in word.paragraphs] == [
        "2026年第三季度正风肃纪情况通报",
        "期间：2026-07-01 至 2026-09-30",
        "本季度共发现问题12个，涉及2个单位。",
        "请各单位对照整改。",
        "一、各单位问题数",
        "按被查单位统计。",
        "二、<b>典型</b>问题",
        "工作人员上班时间玩手机游戏。",
    ]
    (table,) = word.tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["单位", "问题数", "得分"], ["甲镇", "7", "95.5"], ["乙镇", "5", ""]
    ]  # fmt: skip


def test_word_is_a4_in_chinese_fonts(staff_client):
    _, body = download(staff_client, stored(), "word")
    word = WordDocument(io.BytesIO(body))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    fonts = {name: word.styles[name].element.rPr.rFonts for name in ("Normal", "Heading 1", "Heading 2")}
    assert fonts["Normal"].get(qn("w:eastAsia")) == "宋体"
    assert {fonts[name].get(qn("w:eastAsia")) for name in ("Heading 1", "Heading 2")} == {"黑体"}
    assert fonts["Heading 1"].get(qn("w:eastAsiaTheme")) is None  # else the theme's font would win


def test_word_turns_a_wide_table_landscape(staff_client):
    _, body = download(staff_client, stored(content=hand_made(columns=8)), "word")
    section = WordDocument(io.BytesIO(body)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
