"""The staff read API (/api/v1/cases/…): reports, clues, transfers, cases and statistics, scoped by ``access``.

Read-only: every list and object comes from ``cases.access``, so an object outside the user's scope answers the same
404 as a missing one. Reports and cases are the commission's; a township commission or discipline group sees its own
transfers and their clues, never the report behind them. No reporter identity is served here at all: seeing it is a
custody step on the report's page, recorded each time.
"""

from django.db.models import F, Prefetch
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from cases import access, statistics
from cases.api_filters import CaseFilter, ClueFilter, ReportFilter, TransferFilter
from cases.models import CasePerson
from cases.serializers import (
    CaseSerializer,
    ClueSerializer,
    CommissionClueSerializer,
    MonthlyTableSerializer,
    MonthQuerySerializer,
    ReportSerializer,
    TransferSerializer,
    YearQuerySerializer,
    YearSummarySerializer,
)  # fmt: skip
from common.api_lists import ScopedReadViewSet


class ReportViewSet(ScopedReadViewSet):
    serializer_class = ReportSerializer
    filterset_class = ReportFilter

    def get_queryset(self):
        return access.reports_visible(self.request.user)


class ClueViewSet(ScopedReadViewSet):
    filterset_class = ClueFilter

    def get_queryset(self):
        clues = access.clues_visible(self.request.user).select_related("accused_unit")
        # The report's number as a plain column: loading the report would load its encrypted identity too.
        return clues.annotate(report_number=F("report__number"))

    def get_serializer_class(self):
        # Only the commission learns which report a clue came from; the API docs show the commission's fields.
        if getattr(self, "swagger_fake_view", False) or access.is_commission(self.request.user):
            return CommissionClueSerializer
        return ClueSerializer


class TransferViewSet(ScopedReadViewSet):
    serializer_class = TransferSerializer
    filterset_class = TransferFilter

    def get_queryset(self):
        return access.transfers_visible(self.request.user).select_related("to_unit", "clue__accused_unit")


class CaseViewSet(ScopedReadViewSet):
    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def get_queryset(self):
        persons = Prefetch("persons", queryset=CasePerson.objects.select_related("unit"))
        cases = access.cases_visible(self.request.user).prefetch_related(persons)
        return cases.annotate(clue_number=F("clue__number"), category=F("clue__category"))


class OneAnswerSchema(AutoSchema):
    """The router calls the statistics root "list", but it answers one summary, not an array of them."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class StatisticsViewSet(viewsets.ViewSet):
    """The statistics page's figures, for the commission only (anyone else: 404, as the page)."""

    schema = OneAnswerSchema()

    @extend_schema(parameters=[YearQuerySerializer], responses=YearSummarySerializer, summary="年度统计")
    def list(self, request, format=None):  # format: the router's .json suffix route passes it
        self._commission_only()
        today = timezone.localdate()
        asked = request.query_params.get("year", "")
        year = statistics.parse_year(asked, today=today) if asked else today.year
        if year is None:
            raise ValidationError({"year": [f"年度须为 {statistics.FIRST_YEAR} 年至今年之间的四位数字。"]})
        return Response(YearSummarySerializer(statistics.year_summary(request.user, year)).data)

    @extend_schema(
        parameters=[MonthQuerySerializer], responses=MonthlyTableSerializer, summary="八项规定精神和“四风”问题月报表"
    )
    @action(detail=False, methods=["get"])
    def monthly(self, request, format=None):
        self._commission_only()
        today = timezone.localdate()
        asked = request.query_params.get("month", "")
        month = statistics.parse_month(asked, today=today) if asked else statistics.previous_month(today)
        if month is None:
            raise ValidationError({"month": ["请按“年-月”填写已到来的月份，如 2026-05。"]})
        return Response(MonthlyTableSerializer(statistics.monthly_table(request.user, month)).data)

    def _commission_only(self) -> None:
        if not access.is_commission(self.request.user):
            raise NotFound


ROUTES = {
    "reports": ReportViewSet,
    "clues": ClueViewSet,
    "transfers": TransferViewSet,
    "cases": CaseViewSet,
    "statistics": StatisticsViewSet,
}
