from django.contrib import admin

from files.admin_inlines import StoredFileAdmin
from responsibility import models


class MilestoneInline(admin.TabularInline):
    model = models.Milestone
    extra = 0


class CoUnitInline(admin.TabularInline):
    model = models.TaskCoUnit
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "year"]
    list_filter = ["year"]
    search_fields = ["title"]


@admin.register(models.Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "plan", "owner", "lead_unit", "status", "progress", "last_report_at"]
    list_filter = ["status", "plan__year", "lead_unit"]
    list_select_related = ["plan", "owner", "lead_unit"]
    search_fields = ["title", "content"]
    autocomplete_fields = ["owner", "lead_unit"]
    inlines = [MilestoneInline, CoUnitInline]


@admin.register(models.ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["task", "unit", "period", "percent", "submitted_at", "is_late"]
    list_filter = ["is_late", "period"]
    list_select_related = ["task", "unit"]
    raw_id_fields = ["task", "unit", "submitted_by"]


@admin.register(models.SupervisionNotice)
class SupervisionNoticeAdmin(admin.ModelAdmin):
    list_display = ["pk", "task", "unit", "reply_deadline", "replied_at", "closed_at"]
    list_select_related = ["task", "unit"]
    raw_id_fields = ["task", "unit", "issued_by", "replied_by"]


@admin.register(models.AcceptanceDecision)
class AcceptanceDecisionAdmin(admin.ModelAdmin):
    list_display = ["task", "requested_at", "result", "decided_at"]
    list_filter = ["result"]
    list_select_related = ["task"]
    raw_id_fields = ["task", "requested_by", "reviewer"]


@admin.register(models.ResponsibilityLetter)
class ResponsibilityLetterAdmin(admin.ModelAdmin):
    list_display = ["year", "kind", "issuer", "signer_unit", "signer", "signed_on"]
    list_filter = ["year", "kind"]
    list_select_related = ["issuer", "signer_unit", "signer"]
    raw_id_fields = ["issuer", "signer_unit", "signer"]


@admin.register(models.AccountabilityRecord)
class AccountabilityRecordAdmin(admin.ModelAdmin):
    list_display = ["task", "unit", "person", "measure", "decided_on", "dual_accountability"]
    list_filter = ["measure", "dual_accountability"]
    list_select_related = ["task", "unit", "person"]
    raw_id_fields = ["task", "unit", "person", "recorded_by"]


for _model in (models.Milestone, models.TaskCoUnit):
    admin.site.register(_model)
admin.site.register(models.ProgressAttachment, StoredFileAdmin)


class RankingEntryInline(admin.TabularInline):
    model = models.RankingEntry
    fields = ["rank", "unit", "score", "timeliness", "milestones", "acceptance", "accountability"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Ranking)
class RankingAdmin(admin.ModelAdmin):
    """Read-only: a stored ranking is a record of its period. Deleting one (audit-logged) lets it be computed anew."""

    list_display = ["kind", "period_start", "period_end", "computed_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "period_start", "period_end", "rule", "computed_at"]
    inlines = [RankingEntryInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
