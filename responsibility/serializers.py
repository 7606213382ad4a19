"""Shapes of the checklist API: read serializers for each object and the inputs of its actions.

They only read and check input; every write goes through ``services`` from ``api.py``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from orgs.models import Unit
from responsibility import access
from responsibility.forms import MonthField
from responsibility.models import (
    AcceptanceDecision,
    AccountabilityRecord,
    Milestone,
    Plan,
    ProgressAttachment,
    ProgressReport,
    ResponsibilityLetter,
    SupervisionNotice,
    Task,
)  # fmt: skip
from responsibility.periods import today

PERCENT_MESSAGE = "进度须在 0 到 100 之间。"


@extend_schema_field(OpenApiTypes.STR)
class PeriodField(serializers.Field):
    """A reporting month: "2026-05" or any day of it in, "2026-05" out."""

    def to_internal_value(self, data):
        try:
            return MonthField().clean(str(data))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error

    def to_representation(self, value) -> str:
        return f"{value:%Y-%m}"


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """An uploaded file, shown in the API docs as one to pick (the type and size rules are the service's)."""


class VisibleTaskField(serializers.PrimaryKeyRelatedField):
    """A task by id among those the user sees: another's task is "not found", like a missing one."""

    def get_queryset(self):
        return access.tasks_visible(self.context["request"].user)


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name"]


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["id", "year", "number", "title", "description"]


class MilestoneSerializer(serializers.ModelSerializer):
    met_in_time = serializers.BooleanField(read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "due_on", "requirement", "target_percent", "met_on", "met_in_time"]


class TaskSerializer(serializers.ModelSerializer):
    """A ledger row: the task with its derived ``is_lagging`` and ``next_milestone``."""

    plan_title = serializers.CharField(source="plan.title", read_only=True)
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True)
    co_units = UnitRefSerializer(many=True, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    is_lagging = serializers.BooleanField(read_only=True)
    next_milestone = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Task
        fields = [
            "id", "plan", "plan_title", "number", "title", "owner", "owner_name", "lead_unit", "lead_unit_name",
            "co_units", "status", "status_display", "progress", "starts_on", "last_report_at", "closed_at",
            "is_lagging", "next_milestone",
        ]  # fmt: skip
        read_only_fields = fields


class TaskDetailSerializer(TaskSerializer):
    milestones = MilestoneSerializer(many=True, read_only=True)

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "content", "standard", "acceptance_method", "milestones"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ProgressAttachment
        fields = ["id", "name", "size", "url"]

    def get_url(self, attachment: ProgressAttachment) -> str:
        path = reverse("responsibility:attachment-download", args=[attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ReportSerializer(serializers.ModelSerializer):
    task_title = serializers.CharField(source="task.title", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    period = PeriodField(read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id", "task", "task_title", "unit", "unit_name", "period", "percent", "text", "submitted_at", "is_late",
            "attachments",
        ]  # fmt: skip
        read_only_fields = fields


class ReportFileSerializer(serializers.Serializer):
    """A unit officer's monthly report, sent as multipart with any number of ``files`` parts."""

    period = PeriodField(help_text="报送月份，如 2026-05")
    percent = serializers.IntegerField(
        min_value=0, max_value=100, error_messages={"min_value": PERCENT_MESSAGE, "max_value": PERCENT_MESSAGE}
    )
    text = serializers.CharField(max_length=5000)
    files = serializers.ListField(child=UploadField(), required=False, default=list)


class NoticeSerializer(serializers.ModelSerializer):
    task = VisibleTaskField()
    task_title = serializers.CharField(source="task.title", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = SupervisionNotice
        fields = [
            "id", "task", "task_title", "unit", "unit_name", "content", "reply_deadline", "issued_at",
            "reply", "replied_at", "closed_at", "state",
        ]  # fmt: skip
        read_only_fields = ["issued_at", "reply", "replied_at", "closed_at"]
        extra_kwargs = {"content": {"max_length": 5000}}

    def get_state(self, notice: SupervisionNotice) -> str:
        """closed, answered, overdue (unanswered past the deadline) or unanswered."""
        if notice.closed_at:
            return "closed"
        if notice.replied_at:
            return "answered"
        return "overdue" if notice.reply_deadline < today() else "unanswered"


class NoticeReplySerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=5000)


class AcceptanceSerializer(serializers.ModelSerializer):
    task_title = serializers.CharField(source="task.title", read_only=True)
    # Declared so that the schema admits "" (not decided yet): a read-only model field loses its allow_blank.
    result = serializers.ChoiceField(choices=AcceptanceDecision.Result.choices, allow_blank=True, read_only=True)
    result_display = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = AcceptanceDecision
        fields = [
            "id", "task", "task_title", "requested_at", "request_note", "result", "result_display", "decided_at",
            "comments",
        ]  # fmt: skip
        read_only_fields = fields


class AcceptanceRequestSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AcceptanceDecideSerializer(serializers.Serializer):
    passed = serializers.BooleanField(help_text="true 验收通过并销号；false 退回整改（须填写意见）")
    comments = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class LetterSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    issuer_name = serializers.CharField(source="issuer.name", read_only=True)
    signer_unit_name = serializers.CharField(source="signer_unit.name", read_only=True)
    signer_name = serializers.CharField(source="signer.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = ResponsibilityLetter
        fields = [
            "id", "year", "kind", "kind_display", "issuer", "issuer_name", "signer_unit", "signer_unit_name",
            "signer", "signer_name", "signed_on",
        ]  # fmt: skip
        read_only_fields = fields


class LetterSignSerializer(serializers.Serializer):
    signed_on = serializers.DateField(default=today, help_text="签订日期，默认今天")


class AccountabilitySerializer(serializers.ModelSerializer):
    task = VisibleTaskField()
    task_title = serializers.CharField(source="task.title", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True, default=None, allow_null=True)
    measure_display = serializers.CharField(source="get_measure_display", read_only=True)

    class Meta:
        model = AccountabilityRecord
        fields = [
            "id", "task", "task_title", "unit", "unit_name", "person", "person_name", "measure", "measure_display",
            "reason", "dual_accountability", "decided_on",
        ]  # fmt: skip
