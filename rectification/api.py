"""The rectification read API (/api/v1/rectification/…): problems, commitments and warnings, scoped by ``access``.

Read-only: writes happen on the pages, through the services. The commission reads every unit's rows, a unit
officer their own unit's, anyone else nothing; what the user may not see answers the same 404 as what is missing.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from common.api_lists import ScopedReadViewSet
from rectification import access, warnings
from rectification.api_filters import CommitmentFilter, ProblemFilter
from rectification.api_serializers import CommitmentSerializer, ProblemSerializer, WarningSerializer
from rectification.models import Problem


class ProblemViewSet(ScopedReadViewSet):
    serializer_class = ProblemSerializer
    filterset_class = ProblemFilter

    def get_queryset(self):
        return access.problems_visible(self.request.user).order_by(*Problem._meta.ordering)


class CommitmentViewSet(ScopedReadViewSet):
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter

    def get_queryset(self):
        return access.commitments_visible(self.request.user).order_by("deadline", "pk")


class WarningViewSet(viewsets.GenericViewSet):
    """Graded warnings by unit, computed when asked (never stored). The list holds the units with points (for a
    unit officer, their own unit always); one unit's warning is read by its id."""

    serializer_class = WarningSerializer
    pagination_class = None
    filter_backends: list = []

    def get_queryset(self):
        return access.units_warned_visible(self.request.user)

    @extend_schema(summary="分级预警（有记分的单位，按记分从高到低）")
    def list(self, request, format=None):  # format: the router's .json suffix route passes it
        all_units = not access.can_reconcile(request.user)
        rows = warnings.unit_warnings(self.get_queryset(), all_units=all_units)
        return Response(self.get_serializer(rows, many=True).data)

    @extend_schema(summary="一个单位的分级预警")
    def retrieve(self, request, pk=None, format=None):
        unit = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(self.get_serializer(warnings.unit_points(unit)).data)


ROUTES = {
    "problems": ProblemViewSet,
    "commitments": CommitmentViewSet,
    "warnings": WarningViewSet,
}
