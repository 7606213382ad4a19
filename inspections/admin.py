from django.contrib import admin

from files.admin_inlines import StoredFileInline
from inspections import models
from inspections.models import Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "leader", "is_active"]
    list_select_related = ["leader"]
    search_fields = ["name", "leader__name"]
    autocomplete_fields = ["leader", "members"]


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "starts_on", "ends_on", "status"]
    list_filter = ["status", "team"]
    list_select_related = ["team"]
    raw_id_fields = ["created_by"]
    filter_horizontal = ["target_units"]


class EvidenceInline(StoredFileInline):
    model = models.Evidence


@admin.register(models.Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["unit", "category", "occurred_at", "disposition"]
    list_filter = ["category", "disposition"]
    list_select_related = ["unit"]
    raw_id_fields = ["plan", "unit", "recorded_by"]
    inlines = [EvidenceInline]


@admin.register(models.Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    """Read-only: a bulletin is kept as it was generated."""

    list_display = ["title", "kind", "period_start", "generated_at"]
    list_filter = ["kind"]
    readonly_fields = ["kind", "period_start", "period_end", "title", "content", "generated_at", "generated_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
