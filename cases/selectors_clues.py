"""Reads of clues for commission pages: scoped by access, annotated, filtered."""

from django.db.models import Exists, F, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases import access
from cases.filters_clues import ClueFilter
from cases.models import Clue, Transfer


def _overdue_transfers(day):
    return Transfer.objects.filter(status=Transfer.Status.PENDING, deadline__lt=day)


def clue_list(user) -> QuerySet[Clue]:
    """The commission's clues (none for anybody else), with the report's number only, never the report itself."""
    if not access.can_handle(user):
        return Clue.objects.none()
    overdue = _overdue_transfers(timezone.localdate()).filter(clue=OuterRef("pk"))
    return (
        access.clues_visible(user)
        .select_related("accused_unit")
        .annotate(report_number=F("report__number"), has_overdue_transfer=Exists(overdue))
    )


def clue_list_filtered(user, params) -> tuple[ClueFilter, QuerySet[Clue]]:
    """Invalid filter values give no rows (the filter's errors say why) rather than silently all rows."""
    clue_filter = ClueFilter(params, queryset=clue_list(user))
    clues = clue_filter.qs if clue_filter.is_valid() else Clue.objects.none()
    return clue_filter, clues


def clue_get(user, pk: int) -> Clue:
    return get_object_or_404(clue_list(user).select_related("proposed_by", "approved_by"), pk=pk)
