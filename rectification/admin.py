from django.contrib import admin

from files.admin_inlines import StoredFileInline
from rectification import models
from rectification.models import Problem


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "source", "status", "deadline", "created_at"]
    list_filter = ["status", "source"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["unit", "created_by"]


class AttachmentInline(StoredFileInline):
    model = models.ProgressAttachment


@admin.register(models.Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ["problem", "submitted_at"]
    raw_id_fields = ["problem", "submitted_by"]
    inlines = [AttachmentInline]


@admin.register(models.Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["problem", "committer_name", "deadline", "is_published"]
    list_filter = ["is_published", "committer_kind"]
    raw_id_fields = ["problem", "entered_by"]


@admin.register(models.Acceptance)
class AcceptanceAdmin(admin.ModelAdmin):
    list_display = ["problem", "requested_at", "result", "decided_at"]
    list_filter = ["result"]
    raw_id_fields = ["problem", "requested_by", "reviewer"]


@admin.register(models.Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["problem", "reviewer", "score", "created_at"]
    raw_id_fields = ["problem", "reviewer"]


@admin.register(models.Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "score", "created_at"]
    list_filter = ["period"]
    exclude = ["phone_key"]
    raw_id_fields = ["unit"]


@admin.register(models.Talk)
class TalkAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "held_on", "with_person"]
    raw_id_fields = ["unit", "recorded_by"]
