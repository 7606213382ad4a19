"""The sections of the "due soon / overdue" page (/cases/due/): one per kind of item with a statutory clock.

Each flow registers a section: a title, a template that renders its ``rows``, and a function giving the rows for
a user and a day in a fixed number of queries. Reports register theirs here; transfers register theirs in
``CasesConfig.ready`` (``register_due_section(DueSection(...))``), and the page shows them in ``order``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from cases import selectors, selectors_transfers
from cases.clocks import running_clocks

SECTION_LIMIT = 200  # the most urgent rows a section shows; the queue's filters reach the rest


@dataclass(frozen=True)
class DueSection:
    key: str
    title: str
    template: str  # rendered with ``section``, ``rows``, ``more`` (rows left out) and ``today``
    rows: Callable[[object, date], tuple[Sequence, int]]  # (the rows shown, how many there are in all)
    order: int = 100


_sections: dict[str, DueSection] = {}


def register_due_section(section: DueSection) -> None:
    _sections[section.key] = section


def due_sections() -> list[DueSection]:
    return sorted(_sections.values(), key=lambda section: section.order)


def report_rows(user, today: date) -> tuple[list, int]:
    """Reports with their running clocks (``report.clocks``): two queries, however many there are."""
    reports = selectors.due_reports(user, today)
    total = reports.count()
    rows = list(reports[:SECTION_LIMIT])
    for report in rows:
        report.clocks = running_clocks(report, today)
    return rows, total


register_due_section(
    DueSection("reports", "信访举报（受理告知、结果反馈）", "cases/intake/due_reports.html", report_rows, order=10)
)


def transfer_rows(user, today: date) -> tuple[list, int]:
    """Transferred clues past their deadline without a result: two queries, however many there are."""
    transfers = selectors_transfers.overdue_transfers(user, today)
    return list(transfers[:SECTION_LIMIT]), transfers.count()


register_due_section(
    DueSection(
        "transfers", "转办线索（逾期未报结果，需督办）", "cases/transfers/due_transfers.html", transfer_rows, order=20
    )
)
