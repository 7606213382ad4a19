"""Inspection findings as document sections, for the weekly bulletin and the post-holiday summary: both pass a
snapshot in the shape of a stored bulletin's content (``inspections.bulletins.bulletin_content``) and get the
tables of the bulletin's own Excel and Word files, so every copy of the figures reads alike."""

from documents.content import Section
from inspections.bulletin_files import FINDING_COLUMNS, SECTIONS, finding_rows

NUMBERS = "一二三四五六"


def findings_sections(snapshot: dict) -> list[Section]:
    """Counts by disposition, category and unit, then the list of findings (an empty list says so)."""
    sections = [
        Section(
            f"{NUMBERS[i]}、{heading}",
            columns=("项目", "问题数"),
            rows=[(r["label"], r["count"]) for r in snapshot[key]],
        )
        for i, (heading, key) in enumerate(SECTIONS)
    ]
    rows = finding_rows(snapshot)
    columns = [name for name, _ in FINDING_COLUMNS]
    sections.append(
        Section(
            f"{NUMBERS[len(sections)]}、问题清单",
            paragraphs=[] if rows else ["未发现问题。"],
            columns=columns,
            rows=rows,
        )
    )
    return sections
