"""The admin never shows a reporter's identity or the query secrets: those go through custody (cases.identity)."""

from django.contrib import admin

from cases import models
from common.append_only import AppendOnlyAdminMixin
from files.admin_inlines import StoredFileInline

HIDDEN = models.REPORT_SECRET_FIELDS


class AttachmentInline(StoredFileInline):
    model = models.ReportAttachment


class MessageInline(admin.TabularInline):
    model = models.ReportMessage
    extra = 0
    raw_id_fields = ["author"]


@admin.register(models.Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["number", "channel", "category", "accused_name", "accused_unit_name", "status", "received_at"]
    list_filter = ["status", "channel", "category", "is_real_name", "is_demo"]
    search_fields = ["number", "accused_name", "accused_unit_name"]
    exclude = HIDDEN
    raw_id_fields = ["accused_unit", "registered_by", "decided_by"]
    inlines = [AttachmentInline, MessageInline]


@admin.register(models.IdentityRequest)
class IdentityRequestAdmin(admin.ModelAdmin):
    list_display = ["report", "requested_by", "requested_at", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["report", "requested_by", "decided_by"]
    raw_id_fields = ["report", "requested_by", "decided_by"]


@admin.register(models.IdentityView)
class IdentityViewAdmin(AppendOnlyAdminMixin, admin.ModelAdmin):
    """The record of who saw an identity: read-only, nobody edits or deletes it."""

    list_display = ["report", "viewer", "viewed_at"]
    list_select_related = ["report", "viewer"]
    readonly_fields = ["request", "report", "viewer", "viewed_at", "reason"]


class TransferInline(admin.TabularInline):
    model = models.Transfer
    extra = 0
    raw_id_fields = ["to_unit", "transferred_by", "result_by"]


@admin.register(models.Clue)
class ClueAdmin(admin.ModelAdmin):
    list_display = ["number", "accused_name", "category", "disposition", "status", "proposed_at"]
    list_filter = ["status", "disposition", "category"]
    search_fields = ["number", "accused_name"]
    raw_id_fields = ["report", "accused_unit", "proposed_by", "approved_by"]
    inlines = [TransferInline]


class PersonInline(admin.TabularInline):
    model = models.CasePerson
    extra = 0
    raw_id_fields = ["unit"]


class DocumentInline(StoredFileInline):
    model = models.CaseDocument
    raw_id_fields = ["uploaded_by"]


@admin.register(models.Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "stage", "filed_on", "concluded_on", "funds_recovered"]
    list_filter = ["stage", "is_eight_point", "is_four_winds"]
    search_fields = ["number", "title"]
    raw_id_fields = ["clue", "dual_accountability_of", "handled_by"]
    inlines = [PersonInline, DocumentInline]


@admin.register(models.Exposure)
class ExposureAdmin(admin.ModelAdmin):
    list_display = ["title", "case", "status", "published_at"]
    list_filter = ["status"]
    raw_id_fields = ["case", "requested_by", "approved_by"]


@admin.register(models.Reward)
class RewardAdmin(admin.ModelAdmin):
    list_display = ["report", "amount", "decided_on"]
    raw_id_fields = ["report", "recorded_by"]


@admin.register(models.Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "value"]
    readonly_fields = ["name", "year", "value"]
