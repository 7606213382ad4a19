"""Shapes of the rectification read API. Fields are listed one by one: the internal note (内部备注) is never among
them, since unit officers read this API too; a rating's phone key is never read at all."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from rectification.models import Commitment, Problem


@extend_schema_serializer(component_name="RectificationProblem")
class ProblemSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    source_display = serializers.CharField(source="get_source_display", read_only=True)
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Problem
        fields = [
            "id", "unit", "unit_name", "title", "description", "source", "source_display", "source_id", "level",
            "level_display", "is_common", "deadline", "status", "status_display", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema_serializer(component_name="RectificationCommitment")
class CommitmentSerializer(serializers.ModelSerializer):
    unit = serializers.IntegerField(source="problem.unit_id", read_only=True)
    unit_name = serializers.CharField(source="problem.unit.name", read_only=True)
    status = serializers.CharField(source="problem.status", read_only=True)
    committer_kind_display = serializers.CharField(source="get_committer_kind_display", read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id", "problem", "unit", "unit_name", "status", "committer_kind", "committer_kind_display",
            "committer_name", "committer_position", "published_problem", "measures", "deadline", "expected_effect",
            "signed_on", "is_published", "published_at",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema_serializer(component_name="RectificationWarning")
class WarningSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit.pk", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    points = serializers.IntegerField(read_only=True)
    level = serializers.CharField(read_only=True, help_text="yellow、orange、red，无预警为空")
    level_label = serializers.CharField(read_only=True)
    overdue = serializers.IntegerField(read_only=True, help_text="超期未整改的问题数")
    overdue_points = serializers.IntegerField(read_only=True)
    returned = serializers.IntegerField(read_only=True, help_text="验收退回次数")
    returned_points = serializers.IntegerField(read_only=True)
