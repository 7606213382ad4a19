"""Reads of plans and findings for pages and the API: scoped by ``access``, with what each page needs joined."""

from django.db.models import Count, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from common.subqueries import count_of
from inspections import access
from inspections.filters import FindingFilter
from inspections.models import Evidence, Finding, Plan


def plan_list(user) -> QuerySet[Plan]:
    plans = access.plans_visible(user).select_related("team__leader").annotate(finding_count=Count("findings"))
    return plans.order_by(*Plan._meta.ordering)


def plan_get(user, pk: int) -> Plan:
    return get_object_or_404(access.plans_visible(user).select_related("team__leader", "created_by"), pk=pk)


def finding_list(user) -> QuerySet[Finding]:
    return (
        access.findings_visible(user)
        .select_related("plan", "unit")
        .annotate(evidence_count=count_of(Evidence.objects.filter(finding=OuterRef("pk"))))
        .order_by(*Finding._meta.ordering)
    )


def finding_list_filtered(request) -> tuple[FindingFilter, QuerySet[Finding]]:
    """Invalid filter values give no rows (the filter's errors say why) rather than silently all rows."""
    finding_filter = FindingFilter(request.GET, queryset=finding_list(request.user), request=request)
    findings = finding_filter.qs if finding_filter.is_valid() else Finding.objects.none()
    return finding_filter, findings


def finding_get(user, pk: int) -> Finding:
    return get_object_or_404(access.findings_visible(user).select_related("plan__team", "unit", "recorded_by"), pk=pk)


def evidence_get(user, pk: int) -> Evidence:
    """One evidence file, through its finding's scope."""
    return get_object_or_404(Evidence.objects.filter(finding__in=access.findings_visible(user).values("pk")), pk=pk)
