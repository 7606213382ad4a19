"""Reads of transfers (转办件): the receiving unit's inbox, the commission's supervision list, the overdue ones.

Bodies handling transferred clues report results each quarter: every open transfer shows the next quarterly
report date (the end of the current quarter) and whether a result was filed this quarter.
"""

from datetime import date, datetime, time

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases import access
from cases.models import Transfer

STATES = [("open", "未办结"), ("overdue", "逾期未报"), ("answered", "已报结果"), ("closed", "已办结"), ("all", "全部")]


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: date) -> date:
    start = quarter_start(day)
    next_start = date(start.year + 1, 1, 1) if start.month == 10 else date(start.year, start.month + 3, 1)
    return date.fromordinal(next_start.toordinal() - 1)


def _overdue(day: date) -> Q:
    return Q(status=Transfer.Status.PENDING, deadline__lt=day)


def transfer_list(user, day: date | None = None) -> QuerySet[Transfer]:
    """Transfers the user sees, annotated ``is_overdue`` and ``filed_this_quarter``; only clue fields, no report."""
    day = day or timezone.localdate()
    since = timezone.make_aware(datetime.combine(quarter_start(day), time.min))
    return (
        access.transfers_visible(user)
        .select_related("clue", "to_unit")
        .annotate(
            is_overdue=ExpressionWrapper(_overdue(day), output_field=BooleanField()),
            filed_this_quarter=ExpressionWrapper(Q(result_at__gte=since), output_field=BooleanField()),
        )
    )


def transfer_list_in_state(user, state: str, day: date | None = None) -> QuerySet[Transfer]:
    day = day or timezone.localdate()
    transfers = transfer_list(user, day)
    if state == "open":
        return transfers.exclude(status=Transfer.Status.CLOSED)
    if state == "overdue":
        return transfers.filter(_overdue(day))
    if state in (Transfer.Status.ANSWERED, Transfer.Status.CLOSED):
        return transfers.filter(status=state)
    return transfers


def overdue_transfers(user, day: date | None = None) -> QuerySet[Transfer]:
    """Transfers past their deadline without a result, for supervision (督办) and the due / overdue page.

    Scoped like every transfer: the commission sees all, a receiving unit's officer its own, anybody else none.
    """
    return transfer_list_in_state(user, "overdue", day).order_by("deadline", "pk")


def transfer_get(user, pk: int) -> Transfer:
    return get_object_or_404(transfer_list(user), pk=pk)
