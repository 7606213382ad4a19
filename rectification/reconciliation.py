"""Reconciliation (对账销账): per unit, the problems it found itself against those supervision found.

"Self-found" is the source 自查; every other source (inspections, cases, tours, surveys, supervision) is
"found by supervision". Each side counts: 立行立改 (fixed at once), 整改中 (not finished yet: pending, in progress
or awaiting acceptance), 其中待整改 (of those, not started: pending), 已销号 (closed). So total = fixed at once +
in rectification + closed, and pending is part of in rectification, not beside it. One grouped query.
"""

from django.db.models import Count, F, Q, QuerySet

from rectification.models import Problem

S = Problem.Status
SELF = Q(source=Problem.Source.SELF_INSPECTION)
COLUMNS = {
    "total": Q(),
    "fixed_at_once": Q(status=S.FIXED_AT_ONCE),
    "open": Q(status__in=(S.PENDING, S.IN_PROGRESS, S.ACCEPTANCE_REQUESTED)),
    "pending": Q(status=S.PENDING),
    "closed": Q(status=S.CLOSED),
}
SIDES = {"self": SELF, "supervision": ~SELF}


def reconciliation(problems: QuerySet[Problem]) -> tuple[list[dict], dict]:
    """(one row per unit with problems, by unit name; the totals row). Keys: ``unit_name``, ``unit_id`` and
    ``<side>_<column>`` for the sides "self" and "supervision" and the ``COLUMNS``; the totals also have
    ``all_<column>``, both sides together."""
    counts = {
        f"{side}_{column}": Count("pk", filter=side_q & column_q)
        for side, side_q in SIDES.items()
        for column, column_q in COLUMNS.items()
    }
    grouped = problems.order_by().values("unit_id", unit_name=F("unit__name")).annotate(**counts)
    rows = list(grouped.order_by("unit_name", "unit_id"))
    totals = {key: sum(row[key] for row in rows) for key in counts}
    totals |= {f"all_{column}": totals[f"self_{column}"] + totals[f"supervision_{column}"] for column in COLUMNS}
    return rows, totals
