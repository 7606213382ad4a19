"""Shapes of the staff read API for reports, clues, transfers, cases and statistics.

No serializer here names a reporter-identity field, the reporter key or a query secret: the fields are listed one
by one, never ``__all__``, so a field added to the model stays out until someone decides it belongs.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from cases.models import AdministrativeSanction, Case, CasePerson, Clue, FourForms, PartySanction, Report, Transfer


@extend_schema_serializer(component_name="CasesReport")  # "Report" is the checklist's progress report
class ReportSerializer(serializers.ModelSerializer):
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Report
        fields = [
            "id", "number", "channel", "channel_display", "category", "category_display", "is_real_name",
            "accused_name", "accused_unit_name", "accused_position", "accused_unit", "content", "happened_on",
            "place", "received_at", "status", "status_display", "acceptance_due_on", "decided_at",
            "decision_reason", "referred_to", "reporter_notified_at", "result", "concluded_at", "feedback_due_on",
            "fed_back_at", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields


class ClueSerializer(serializers.ModelSerializer):
    """A clue as the handling unit of a transfer may see it: nothing of the report behind it."""

    category_display = serializers.CharField(source="get_category_display", read_only=True)
    disposition_display = serializers.CharField(source="get_disposition_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    accused_unit_name = serializers.CharField(source="accused_unit.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Clue
        fields = [
            "id", "number", "category", "category_display", "accused_name", "accused_unit", "accused_unit_name",
            "accused_position", "summary", "disposition", "disposition_display", "status", "status_display",
            "proposed_at", "approved_at", "conclusion", "concluded_at",
        ]  # fmt: skip
        read_only_fields = fields


class CommissionClueSerializer(ClueSerializer):
    """The commission's view adds where the clue came from: the report's number (annotated, never the report)."""

    report_number = serializers.CharField(read_only=True, allow_null=True, help_text="仅纪委监委可见")

    class Meta(ClueSerializer.Meta):
        fields = [*ClueSerializer.Meta.fields, "report", "report_number", "source_kind", "source_id"]
        read_only_fields = fields


class TransferSerializer(serializers.ModelSerializer):
    clue = ClueSerializer(read_only=True)
    to_unit_name = serializers.CharField(source="to_unit.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Transfer
        fields = [
            "id", "clue", "to_unit", "to_unit_name", "instructions", "deadline", "result_required",
            "transferred_at", "status", "status_display", "is_overdue", "result", "result_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_is_overdue(self, transfer: Transfer) -> bool:
        """Still awaiting its result after the deadline: what the commission supervises (督办)."""
        return transfer.status == Transfer.Status.PENDING and transfer.deadline < timezone.localdate()


class CasePersonSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True, default=None, allow_null=True)
    # Declared so that the schema admits "" (not decided): a read-only model field loses its allow_blank.
    form = serializers.ChoiceField(choices=FourForms.choices, allow_blank=True, read_only=True)
    party_sanction = serializers.ChoiceField(choices=PartySanction.choices, allow_blank=True, read_only=True)
    administrative_sanction = serializers.ChoiceField(
        choices=AdministrativeSanction.choices, allow_blank=True, read_only=True
    )
    form_display = serializers.CharField(source="get_form_display", read_only=True)
    party_sanction_display = serializers.CharField(source="get_party_sanction_display", read_only=True)
    administrative_sanction_display = serializers.CharField(
        source="get_administrative_sanction_display", read_only=True
    )

    class Meta:
        model = CasePerson
        fields = [
            "id", "name", "unit", "unit_name", "position", "form", "form_display", "party_sanction",
            "party_sanction_display", "administrative_sanction", "administrative_sanction_display",
            "transferred_to_judiciary",
        ]  # fmt: skip
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    clue_number = serializers.CharField(read_only=True, allow_null=True)
    category = serializers.CharField(read_only=True, allow_null=True, help_text="来源线索的问题类别")
    persons = CasePersonSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id", "number", "clue", "clue_number", "category", "title", "stage", "stage_display",
            "is_eight_point", "is_four_winds", "dual_accountability_of", "opened_at", "filed_on", "concluded_on",
            "funds_recovered", "recommendation", "persons",
        ]  # fmt: skip
        read_only_fields = fields


# Statistics --------------------------------------------------------------------------------------------------


class BucketSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class YearSummarySerializer(serializers.Serializer):
    year = serializers.IntegerField()
    reports_total = serializers.IntegerField()
    reports_by_channel = BucketSerializer(many=True)
    reports_by_category = BucketSerializer(many=True)
    reports_by_status = BucketSerializer(many=True)
    reports_by_month = BucketSerializer(many=True)
    clues_total = serializers.IntegerField()
    clues_by_disposition = BucketSerializer(many=True)
    cases_total = serializers.IntegerField(help_text="当年初核的案件")
    cases_by_stage = BucketSerializer(many=True)
    cases_filed = serializers.IntegerField()
    cases_concluded = serializers.IntegerField()
    persons_total = serializers.IntegerField(help_text="当年结案案件的处理人数")
    persons_by_form = BucketSerializer(many=True)
    party_sanctions = serializers.IntegerField()
    administrative_sanctions = serializers.IntegerField()
    funds_recovered = serializers.DecimalField(max_digits=16, decimal_places=2)


class MonthlyRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    filed = serializers.IntegerField()
    concluded = serializers.IntegerField()
    persons = serializers.IntegerField()
    party_sanctions = serializers.IntegerField()
    administrative_sanctions = serializers.IntegerField()
    funds_recovered = serializers.DecimalField(max_digits=16, decimal_places=2)


class MonthlySectionSerializer(serializers.Serializer):
    flag = serializers.CharField()
    title = serializers.CharField()
    rows = MonthlyRowSerializer(many=True)
    total = MonthlyRowSerializer()


class MonthlyTableSerializer(serializers.Serializer):
    month = serializers.SerializerMethodField()
    sections = MonthlySectionSerializer(many=True)

    def get_month(self, table) -> str:
        return f"{table.month:%Y-%m}"


class YearQuerySerializer(serializers.Serializer):
    year = serializers.CharField(required=False, help_text="年度，如 2026；默认本年度")


class MonthQuerySerializer(serializers.Serializer):
    month = serializers.CharField(required=False, help_text="月份，如 2026-05；默认上月")
