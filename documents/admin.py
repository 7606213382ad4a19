from django.contrib import admin

from documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: a document is the record of what went out for its period; the scheduled jobs make them."""

    list_display = ["title", "kind", "period", "audience", "generated_at"]
    list_filter = ["kind", "audience"]
    search_fields = ["title", "period"]
    readonly_fields = [f.name for f in Document._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
