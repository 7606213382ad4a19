from django.contrib import admin

from rectification.models import Problem


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "source", "status", "deadline", "created_at"]
    list_filter = ["status", "source"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "created_by"]
