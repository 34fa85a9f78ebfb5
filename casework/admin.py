from django.contrib import admin

from .models import (
    Case,
    CaseEvent,
    Category,
    Locality,
    Measure,
    MeasureFollowUp,
    Report,
    ReportAttachment,
    SituationPicture,
)


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "latitude", "longitude", "contact_name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


class ReportAttachmentInline(admin.TabularInline):
    model = ReportAttachment
    extra = 0
    readonly_fields = ["filename", "mimetype", "size", "created_at"]
    fields = readonly_fields


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-mostly: reports change through the triage flow, not the admin."""

    list_display = ["reference", "category", "locality", "occurred_on", "status", "urgency",
                    "organisation", "created_at"]
    list_filter = ["status", "urgency", "category", "locality"]
    search_fields = ["reference"]
    readonly_fields = ["reference", "reporter", "organisation", "case", "submission_key",
                       "created_at", "status"]
    raw_id_fields = ["case"]
    show_full_result_count = False  # no COUNT(*) over a million rows
    inlines = [ReportAttachmentInline]


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    readonly_fields = ["at", "actor", "kind", "text"]
    fields = readonly_fields
    can_delete = False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "status", "owner", "created_at"]
    list_filter = ["status"]
    search_fields = ["reference", "title"]
    readonly_fields = ["reference", "version", "created_at", "updated_at", "closed_at"]
    inlines = [CaseEventInline]


@admin.register(SituationPicture)
class SituationPictureAdmin(admin.ModelAdmin):
    list_display = ["title", "period_kind", "period_start", "period_end", "status"]
    list_filter = ["status", "period_kind"]
    readonly_fields = ["summary", "version", "created_at", "analysed_at", "published_at"]


class MeasureFollowUpInline(admin.TabularInline):
    model = MeasureFollowUp
    extra = 0
    readonly_fields = ["at", "author", "note", "status_after"]
    fields = readonly_fields
    can_delete = False


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["title", "owner_organisation", "owner", "due_date", "status", "term"]
    list_filter = ["status", "term", "owner_organisation"]
    search_fields = ["title"]
    readonly_fields = ["version", "created_at", "updated_at", "completed_at"]
    raw_id_fields = ["cases"]
    inlines = [MeasureFollowUpInline]
