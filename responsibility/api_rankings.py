"""Stored rankings, read-only: /api/v1/responsibility/rankings/ (filter by kind and year) and one with its entries.

Rankings are for the commission and the county leaders; anybody else signed in gets 404, as on the page.
"""

import django_filters
from django.db.models import Count
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter

from common.year_filters import YearFilter
from responsibility import access
from responsibility.models import Ranking, RankingEntry
from responsibility.ranking_periods import period_of
from responsibility.rankings import with_entries


class RankingFilter(django_filters.FilterSet):
    year = YearFilter(field_name="period_start__year", label="年度")

    class Meta:
        model = Ranking
        fields = ["kind", "year"]


class RankingEntrySerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = RankingEntry
        fields = [
            "rank", "unit", "unit_name", "score", "timeliness", "milestones", "acceptance", "accountability", "details",
        ]  # fmt: skip


class RankingSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    period_label = serializers.SerializerMethodField()
    entry_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Ranking
        fields = [
            "id", "kind", "kind_display", "period_start", "period_end", "period_label", "computed_at", "entry_count",
        ]  # fmt: skip

    def get_period_label(self, ranking: Ranking) -> str:
        return period_of(ranking.kind, ranking.period_start).label


class RankingDetailSerializer(RankingSerializer):
    entries = RankingEntrySerializer(many=True, read_only=True)

    class Meta(RankingSerializer.Meta):
        fields = [*RankingSerializer.Meta.fields, "rule", "entries"]


class SeesRankings(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if not access.can_see_rankings(request.user):
            raise NotFound
        return True


class RankingViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated, SeesRankings]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = RankingFilter
    ordering_fields = ["period_start", "kind", "computed_at"]

    def get_queryset(self):
        rankings = (
            access.rankings_visible(self.request.user)
            .annotate(entry_count=Count("entries"))
            .order_by("-period_start", "kind")
        )
        return with_entries(rankings) if self.action == "retrieve" else rankings

    def get_serializer_class(self):
        return RankingDetailSerializer if self.action == "retrieve" else RankingSerializer
