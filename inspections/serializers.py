"""Shapes of the inspections read API: teams, plans, findings with their evidence, bulletins.

Component names carry an ``Inspection`` prefix: the checklist has its own "Plan" and the cases app its "Report".
Fields are listed one by one, so a field added to a model stays out until someone decides it belongs.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from inspections.models import Bulletin, Evidence, Finding, Plan, Team
from orgs.models import Person


class TeamMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "position", "is_invited_supervisor"]
        read_only_fields = fields


@extend_schema_serializer(component_name="InspectionTeam")
class TeamSerializer(serializers.ModelSerializer):
    leader = TeamMemberSerializer(read_only=True)
    members = TeamMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Team
        fields = ["id", "name", "leader", "members", "is_active"]
        read_only_fields = fields


@extend_schema_serializer(component_name="InspectionPlan")
class PlanSerializer(serializers.ModelSerializer):
    team_name = serializers.CharField(source="team.name", read_only=True)
    target_unit_names = serializers.SlugRelatedField(
        source="target_units", slug_field="name", many=True, read_only=True
    )
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    finding_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id", "title", "themes", "team", "team_name", "starts_on", "ends_on", "target_units",
            "target_unit_names", "target_places", "checkpoint", "status", "status_display", "created_at", "done_at",
            "finding_count",
        ]  # fmt: skip
        read_only_fields = fields


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="下载地址（需登录，按权限提供）")

    class Meta:
        model = Evidence
        fields = ["id", "name", "size", "is_video", "url"]
        read_only_fields = fields

    def get_url(self, evidence: Evidence) -> str:
        # The download view checks access again; the storage path itself is never served.
        path = reverse("inspections:evidence-download", args=[evidence.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


@extend_schema_serializer(component_name="InspectionFinding")
class FindingSerializer(serializers.ModelSerializer):
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    team = serializers.IntegerField(source="plan.team_id", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    # Declared so that the schema admits "" (not disposed of yet): a read-only model field loses its allow_blank.
    disposition = serializers.ChoiceField(choices=Finding.Disposition.choices, allow_blank=True, read_only=True)
    disposition_display = serializers.CharField(source="get_disposition_display", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id", "plan", "plan_title", "team", "unit", "unit_name", "persons", "category", "category_display",
            "occurred_at", "place", "description", "recorded_at", "disposition", "disposition_display",
            "disposed_at", "disposition_note", "linked_kind", "linked_id", "evidence",
        ]  # fmt: skip
        read_only_fields = fields


@extend_schema_serializer(component_name="InspectionBulletin")
class BulletinSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    content = serializers.JSONField(read_only=True, help_text="生成时的通报内容，生成后不再改变")

    class Meta:
        model = Bulletin
        fields = ["id", "kind", "kind_display", "period_start", "period_end", "title", "content", "generated_at"]
        read_only_fields = fields
