"""Stored files in the admin: shown and deletable, never uploaded or replaced there, since an upload through the
admin would skip the content check and the removal of photo metadata that every service applies."""

from django.contrib import admin

STORED_FILE_FIELDS = ["file", "name", "size"]


class StoredFileAdmin(admin.ModelAdmin):
    readonly_fields = STORED_FILE_FIELDS

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class StoredFileInline(admin.TabularInline):
    extra = 0
    readonly_fields = STORED_FILE_FIELDS

    def has_add_permission(self, request, obj=None) -> bool:
        return False
