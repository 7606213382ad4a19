from django.contrib import admin

from inspections.models import Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "leader", "is_active"]
    list_select_related = ["leader"]
    search_fields = ["name", "leader__name"]
    autocomplete_fields = ["leader", "members"]
