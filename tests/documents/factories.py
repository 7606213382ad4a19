"""Documents stored the way the jobs store them (``document_store``), with a hand-made content of two sections."""

from datetime import date

from documents.content import Section, build
from documents.models import Document
from documents.services import document_store

A = Document.Audience
K = Document.Kind


def hand_made(columns: int = 3) -> dict:
    """A summary of two paragraphs; a table section (with an empty cell) and a text-only section (with markup that
    must be escaped); one link. ``columns`` above 3 pads the table to make it wide."""
    extra = [f"指标{n}" for n in range(4, columns + 1)]
    return build(
        summary=["本季度共发现问题12个，涉及2个单位。", "请各单位对照整改。"],
        sections=[
            Section(
                "一、各单位问题数",
                paragraphs=["按被查单位统计。"],
                columns=["单位", "问题数", "得分", *extra],
                rows=[["甲镇", 7, 95.5, *range(4, columns + 1)], ["乙镇", 5, None, *[0] * len(extra)]],
            ),
            Section("二、<b>典型</b>问题", paragraphs=["工作人员上班时间玩手机游戏。"]),
        ],
        links=[("查看排名", "/responsibility/rankings/")],
    )


def stored(
    kind: str = K.QUARTERLY_BULLETIN,
    period: str = "2026-Q3",
    start: date = date(2026, 7, 1),
    end: date = date(2026, 9, 30),
    audience: str = A.ALL_UNITS,
    title: str = "2026年第三季度正风肃纪情况通报",
    content: dict | None = None,
) -> Document:
    document, created = document_store(
        kind=kind,
        period=period,
        period_start=start,
        period_end=end,
        title=title,
        audience=audience,
        content=lambda: content or hand_made(),
    )
    assert created
    return document


def ranking(month: int, year: int = 2026) -> Document:
    """A monthly ranking, read by the commission only."""
    return stored(
        kind=K.MONTHLY_RANKING,
        period=f"{year}-{month:02d}",
        start=date(year, month, 1),
        end=date(year, month, 28),
        audience=A.COMMISSION,
        title=f"{year}年{month}月评比排名",
    )
