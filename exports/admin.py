from django.contrib import admin

from exports.models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only: for operators to see failed or stuck jobs; jobs are made by the export pages."""

    list_display = ["created_at", "user", "kind", "status", "rows_done", "rows_total", "finished_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
