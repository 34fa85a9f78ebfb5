from django.contrib import admin

from accounts.roles import Role, has_role
from audit.admin import NeedToKnowAdmin
from audit.models import AccessLogEntry
from core.access import allowed

from . import measures
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
from .selectors import (
    measure_list,
    picture_list_for_user,
    report_visible_q,
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
class ReportAdmin(NeedToKnowAdmin):
    """Read-mostly: reports change through the triage flow, not the admin.
    Shows what casework.view_report allows; a report moved to the concern
    track is shown to no one (it belongs to the concern now)."""

    object_rule = "casework.view_report"

    list_display = ["reference", "category", "locality", "occurred_on", "status", "urgency",
                    "organisation", "created_at"]
    list_filter = ["status", "urgency", "category", "locality"]
    search_fields = ["reference"]
    readonly_fields = ["reference", "reporter", "organisation", "case", "submission_key",
                       "created_at", "status"]
    raw_id_fields = ["case"]
    show_full_result_count = False  # no COUNT(*) over a million rows
    inlines = [ReportAttachmentInline]

    def visible_queryset(self, request, queryset):
        return queryset.est().filter(report_visible_q(request.user))


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    extra = 0
    readonly_fields = ["at", "actor", "kind", "text"]
    fields = readonly_fields
    can_delete = False


@admin.register(Case)
class CaseAdmin(NeedToKnowAdmin):
    object_rule = "casework.view_case"

    list_display = ["reference", "title", "status", "owner", "created_at"]
    list_filter = ["status"]
    search_fields = ["reference", "title"]
    readonly_fields = ["reference", "version", "created_at", "updated_at", "closed_at"]
    inlines = [CaseEventInline]

    def visible_queryset(self, request, queryset):
        # Cases are EST staff's, all of them (casework.view_case).
        if not allowed(request.user, "casework.view_case"):
            return queryset.none()
        return queryset

    def has_add_permission(self, request):
        # Django's add_case would let a superuser create what they may not see.
        return allowed(request.user, "casework.change_case")


@admin.register(SituationPicture)
class SituationPictureAdmin(NeedToKnowAdmin):
    object_rule = "casework.view_picture"

    list_display = ["title", "period_kind", "period_start", "period_end", "status"]
    list_filter = ["status", "period_kind"]
    readonly_fields = ["summary", "version", "created_at", "analysed_at", "published_at"]

    def visible_queryset(self, request, queryset):
        if not allowed(request.user, "casework.view_picture_list"):
            return queryset.none()
        return queryset.filter(pk__in=picture_list_for_user(request.user).values("pk"))


class MeasureFollowUpInline(admin.TabularInline):
    model = MeasureFollowUp
    extra = 0
    readonly_fields = ["at", "author", "note", "status_after"]
    fields = readonly_fields
    can_delete = False


@admin.register(Measure)
class MeasureAdmin(NeedToKnowAdmin):
    object_rule = "casework.view_measure"

    list_display = ["title", "owner_organisation", "owner", "due_date", "status", "term"]
    list_filter = ["status", "term", "owner_organisation"]
    search_fields = ["title"]
    readonly_fields = ["version", "created_at", "updated_at", "completed_at"]
    raw_id_fields = ["cases"]
    inlines = [MeasureFollowUpInline]

    def save_model(self, request, obj, form, change):
        before = (Measure.objects.filter(pk=obj.pk).values("status", "owner_id").first()
                  if change else None) or {}
        super().save_model(request, obj, form, change)
        # The owner's notice and reminders follow the measure however it is
        # saved (casework.measures).
        measures.measure_saved_in_admin(obj, created=not change,
                                        old_status=before.get("status"),
                                        old_owner_id=before.get("owner_id"))

    def visible_queryset(self, request, queryset):
        # measure_list leaves out a sensitive group's measures for everyone but
        # its members and the coordinator (casework.rules.measure_content_q)
        if allowed(request.user, "casework.view_measure_list"):
            measures = measure_list(user=request.user)
        else:
            measures = measure_list(user=request.user, owner_id=request.user.pk)
        return queryset.filter(pk__in=measures.values("pk"))

    def sensitive_read(self, request, obj):
        """A measure from a sensitive group's decision is read on need-to-know:
        the admin logs it like the measure page does."""
        if obj.restricted_to_group_id is None:
            return None
        if has_role(request.user, Role.COORDINATOR):
            return "measure", AccessLogEntry.Basis.COORDINATOR
        return "measure", AccessLogEntry.Basis.GROUP_MEMBER
