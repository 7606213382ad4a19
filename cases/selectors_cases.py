"""Reads of cases (审查调查) for commission pages: the list, one case, its timeline."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cases import access
from cases.filters_cases import CaseFilter
from cases.models import Case, CaseDocument, CasePerson, Exposure
from common.subqueries import count_of


def case_list(user) -> QuerySet[Case]:
    return (
        access.cases_visible(user)
        .select_related("clue", "handled_by", "dual_accountability_of")
        .annotate(
            person_count=count_of(CasePerson.objects.filter(case=OuterRef("pk"))),
            document_count=count_of(CaseDocument.objects.filter(case=OuterRef("pk")), "kind", distinct=True),
        )
        .order_by("-opened_at", "-pk")
    )


def case_list_filtered(user, params) -> tuple[CaseFilter, QuerySet[Case]]:
    """Invalid filter values give no rows (the filter's errors say why) rather than silently all rows."""
    case_filter = CaseFilter(params, queryset=case_list(user))
    return case_filter, case_filter.qs if case_filter.is_valid() else Case.objects.none()


def case_get(user, pk: int) -> Case:
    return get_object_or_404(
        access.cases_visible(user).select_related("clue", "handled_by", "dual_accountability_of"), pk=pk
    )


def exposure_of(case: Case) -> Exposure | None:
    return Exposure.objects.filter(case=case).select_related("requested_by", "approved_by").first()


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    title: str
    body: str = ""


def _day(value: date) -> datetime:
    return timezone.make_aware(datetime.combine(value, time.min))


def case_timeline(case: Case, documents, exposure: Exposure | None) -> list[TimelineEvent]:
    """The case's path, oldest first: opened, filed, each document, concluded, exposure."""
    events = [TimelineEvent(case.opened_at, "立项初步核实", case.clue.number if case.clue_id else "一案双查")]
    if case.filed_on:
        events.append(TimelineEvent(_day(case.filed_on), "立案"))
    events += [TimelineEvent(d.uploaded_at, f"上传{d.get_kind_display()}", d.name) for d in documents]
    if case.concluded_on:
        events.append(TimelineEvent(_day(case.concluded_on), "结案"))
    if exposure and exposure.published_at:
        events.append(TimelineEvent(exposure.published_at, "通报曝光发布", exposure.title))
    return sorted(events, key=lambda event: event.at)
