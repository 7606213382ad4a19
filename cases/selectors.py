"""Reads for the intake pages and identity custody: scoped by ``cases.access``, derived columns computed in SQL.

Nothing here reads a reporter's identity: reports come deferred from ``access.reports_visible``, and rows that
only point at a report (requests, views) carry its number as an annotation instead of loading the report.
"""

from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)  # fmt: skip
from django.db.models.functions import Coalesce, Least
from django.http import QueryDict
from django.shortcuts import get_object_or_404

from cases import access
from cases.clocks import due_soon_cutoff
from cases.filters_intake import IdentityViewFilter, ReportFilter
from cases.models import IdentityRequest, IdentityView, Report

DUPLICATE_WINDOW = timedelta(days=30)
DUPLICATES_SHOWN = 50
# The running clocks of ``cases.clocks`` in the database's terms: keep the two in step.
ACCEPTANCE_OPEN = Q(is_real_name=True, reporter_notified_at__isnull=True) | Q(
    is_real_name=False, decided_at__isnull=True
)
FEEDBACK_OPEN = Q(is_real_name=True, feedback_due_on__isnull=False, fed_back_at__isnull=True)
NO_CLOCK = date.max  # not NULL: SQLite's LEAST gives NULL when any argument is NULL
QUEUE_DEFERRED = ("content", "result", "decision_reason")


def user_name(path: str) -> Coalesce:
    """A user's name as people know it (their person's name), else the login name."""
    return Coalesce(F(f"{path}__person__name"), F(f"{path}__username"))


def with_duplicates(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Annotate ``same_reporter`` and ``same_accused``: another report within 30 days of this one's receipt from
    the same reporter (keyed hash of the ID number) or about the same person of the same unit."""
    near = Report.objects.filter(
        received_at__gte=OuterRef("received_at") - DUPLICATE_WINDOW,
        received_at__lte=OuterRef("received_at") + DUPLICATE_WINDOW,
    ).exclude(pk=OuterRef("pk"))
    same_reporter = near.filter(reporter_key=OuterRef("reporter_key")).exclude(reporter_key="")
    same_accused = near.filter(accused_name=OuterRef("accused_name"), accused_unit_name=OuterRef("accused_unit_name"))
    return reports.annotate(same_reporter=Exists(same_reporter), same_accused=Exists(same_accused))


def with_next_due(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Annotate ``next_due``: the earliest due date of a running acceptance or feedback clock (NO_CLOCK if none)."""
    return reports.annotate(
        next_due=Least(
            Coalesce(Case(When(ACCEPTANCE_OPEN, then=F("acceptance_due_on"))), Value(NO_CLOCK)),
            Coalesce(Case(When(FEEDBACK_OPEN, then=F("feedback_due_on"))), Value(NO_CLOCK)),
        )
    )


def report_queue(user, params: QueryDict) -> tuple[ReportFilter, QuerySet[Report]]:
    """The intake queue, oldest first; with no status chosen it shows the reports still awaiting a decision.

    Invalid filter values give no rows (the filter's errors say why) rather than silently all rows.
    """
    if "status" not in params:
        params = params.copy()
        params["status"] = Report.Status.RECEIVED
    reports = with_next_due(with_duplicates(access.reports_visible(user))).defer(*QUEUE_DEFERRED)
    report_filter = ReportFilter(params, queryset=reports.order_by("received_at", "pk"))
    return report_filter, report_filter.qs if report_filter.is_valid() else reports.none()


def report_get(user, pk: int) -> Report:
    reports = with_duplicates(access.reports_visible(user)).annotate(
        registered_by_name=user_name("registered_by"), decided_by_name=user_name("decided_by")
    )
    return get_object_or_404(reports, pk=pk)


def report_duplicates(user, report: Report) -> QuerySet[Report]:
    """The reports ``with_duplicates`` counted for this one, flagged by which rule matched."""
    same_reporter = Q(reporter_key=report.reporter_key) & ~Q(reporter_key="")
    match = Q(accused_name=report.accused_name, accused_unit_name=report.accused_unit_name) | same_reporter
    window = Q(
        received_at__gte=report.received_at - DUPLICATE_WINDOW, received_at__lte=report.received_at + DUPLICATE_WINDOW
    )
    return (
        access.reports_visible(user)
        .filter(window, match)
        .exclude(pk=report.pk)
        .annotate(is_same_reporter=ExpressionWrapper(same_reporter, output_field=BooleanField()))
        .defer(*QUEUE_DEFERRED)
        .order_by("received_at", "pk")[:DUPLICATES_SHOWN]
    )


def report_messages(report: Report):
    return report.messages.annotate(author_name=user_name("author")).order_by("created_at", "pk")


def report_rewards(report: Report):
    return report.rewards.annotate(recorded_by_name=user_name("recorded_by"))


def due_reports(user, today: date) -> QuerySet[Report]:
    """Reports with a running clock overdue or due within three working days, most urgent first."""
    reports = with_next_due(access.reports_visible(user)).defer(*QUEUE_DEFERRED)
    return reports.filter(next_due__lte=due_soon_cutoff(today)).order_by("next_due", "received_at", "pk")


def identity_request_pending(user, report: Report) -> IdentityRequest | None:
    return IdentityRequest.objects.filter(
        report=report, requested_by=user, status=IdentityRequest.Status.PENDING
    ).first()


def identity_requests(user) -> QuerySet[IdentityRequest]:
    """Requests with the report's number and the people's names, for leaders who decide them."""
    if not access.can_approve(user):
        return IdentityRequest.objects.none()
    return IdentityRequest.objects.annotate(
        report_number=F("report__number"),
        requester_name=user_name("requested_by"),
        decider_name=user_name("decided_by"),
    ).order_by("requested_at", "pk")


def identity_request_get(user, pk: int) -> IdentityRequest:
    return get_object_or_404(identity_requests(user), pk=pk)


def identity_view_log(user, params: QueryDict) -> tuple[IdentityViewFilter, QuerySet[IdentityView]]:
    """Every showing of a reporter's identity, newest first, for commission admins."""
    if not access.can_audit_identity(user):
        views = IdentityView.objects.none()
    else:
        views = IdentityView.objects.annotate(
            report_number=F("report__number"),
            viewer_name=user_name("viewer"),
            approved_by=user_name("request__decided_by"),
        ).order_by("-viewed_at", "-pk")
    view_filter = IdentityViewFilter(params, queryset=views)
    return view_filter, view_filter.qs if view_filter.is_valid() else views.none()
