"""The neutral shape of a document's content, so one page, one print view and one Excel and Word writer serve
every kind of document::

    {
        "version": 1,
        "summary": ["a paragraph", ...],            # the opening text
        "sections": [
            {
                "heading": "一、…",
                "paragraphs": ["…"],                   # optional
                "columns": ["单位", "得分"],          # optional: a table
                "rows": [["甲镇", 95.5], ...],        # cells are str, int, float or None
            },
        ],
        "links": [{"label": "查看排名", "url": "/responsibility/rankings/3/"}],   # optional, for the page only
    }

``build`` makes and checks it, so a job cannot store a document the writers cannot render.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

VERSION = 1
Cell = str | int | float | None


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    columns: Sequence[str] = ()
    rows: Iterable[Sequence[Cell]] = ()

    def as_dict(self) -> dict:
        rows = [list(row) for row in self.rows]
        for row in rows:
            if len(row) != len(self.columns):
                raise ValueError(
                    f"section {self.heading!r}: a row has {len(row)} cells for {len(self.columns)} columns"
                )
            for cell in row:
                if cell is not None and not isinstance(cell, str | int | float):
                    raise TypeError(f"section {self.heading!r}: cell {cell!r} is not text or a number")
        return {
            "heading": self.heading,
            "paragraphs": list(self.paragraphs),
            "columns": list(self.columns),
            "rows": rows,
        }


def build(
    *, summary: Iterable[str] = (), sections: Iterable[Section] = (), links: Iterable[tuple[str, str]] = ()
) -> dict:
    return {
        "version": VERSION,
        "summary": list(summary),
        "sections": [section.as_dict() for section in sections],
        "links": [{"label": label, "url": url} for label, url in links],
    }


# A table wider than this turns the page to landscape: on paper, in Word and in Excel's print set-up.
WIDE_TABLE = 6


def is_wide(content: dict) -> bool:
    return any(len(section["columns"]) > WIDE_TABLE for section in content["sections"])
