from django.contrib import admin

from jobs.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "run_for", "trigger", "status", "delivered", "skipped", "documents", "started_at"]
    list_filter = ["job", "status", "trigger"]
    date_hierarchy = "started_at"
    readonly_fields = [f.name for f in JobRun._meta.fields]
