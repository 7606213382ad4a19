from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "job", "period", "subject", "created_at", "read_at", "email_status"]
    list_filter = ["job", "email_status"]
    search_fields = ["title", "recipient__username", "period", "subject"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]
