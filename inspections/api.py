"""The inspections read API (/api/v1/inspections/…): teams, plans, findings and bulletins, scoped by ``access``.

Read-only: plans are written on the pages, which hold the secrecy rules in one place with ``access``. Every list
and object comes from ``inspections.access``, so what the user may not see answers the same 404 as what does not
exist: units see no plan and no finding here at all.
"""

from django.db.models import Count, Prefetch

from common.api_lists import ScopedReadViewSet
from inspections import access
from inspections.api_filters import BulletinFilter, FindingFilter, PlanFilter
from inspections.models import Evidence, Plan
from inspections.serializers import BulletinSerializer, FindingSerializer, PlanSerializer, TeamSerializer


class TeamViewSet(ScopedReadViewSet):
    serializer_class = TeamSerializer

    def get_queryset(self):
        return access.teams_visible(self.request.user).select_related("leader").prefetch_related("members")


class PlanViewSet(ScopedReadViewSet):
    serializer_class = PlanSerializer
    filterset_class = PlanFilter

    def get_queryset(self):
        plans = access.plans_visible(self.request.user).prefetch_related("target_units")
        # Counting groups the rows, and a grouped query drops the model's default order: restate it.
        return plans.annotate(finding_count=Count("findings", distinct=True)).order_by(*Plan._meta.ordering)


class FindingViewSet(ScopedReadViewSet):
    serializer_class = FindingSerializer
    filterset_class = FindingFilter

    def get_queryset(self):
        evidence = Prefetch("evidence", queryset=Evidence.objects.order_by("id"))
        findings = access.findings_visible(self.request.user).select_related("plan", "unit")
        return findings.prefetch_related(evidence)


class BulletinViewSet(ScopedReadViewSet):
    serializer_class = BulletinSerializer
    filterset_class = BulletinFilter

    def get_queryset(self):
        return access.bulletins_visible(self.request.user)


ROUTES = {
    "teams": TeamViewSet,
    "plans": PlanViewSet,
    "findings": FindingViewSet,
    "bulletins": BulletinViewSet,
}
