from django.contrib import admin

from orgs.models import Person, Region, RoleAssignment, Unit


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "is_lead_unit", "is_co_unit", "is_active"]
    list_filter = ["kind", "is_lead_unit", "is_co_unit", "is_active"]
    list_select_related = ["parent"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "unit", "phone", "email", "user"]
    list_filter = ["role_assignments__role", "unit__kind", "is_invited_supervisor"]
    list_select_related = ["unit", "user"]
    search_fields = ["name", "position", "unit__name"]
    autocomplete_fields = ["unit", "user"]
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "role"]
    list_filter = ["role"]
    list_select_related = ["person"]
    search_fields = ["person__name"]
    autocomplete_fields = ["person"]
