from django.contrib import admin
from django.http import Http404

from accounts.roles import Role, has_role
from audit.admin import NeedToKnowAdmin
from audit.models import AccessLogEntry
from core.access import allowed

from .models import Attendee, Decision, Meeting, MeetingSeries, Membership, WorkingGroup
from .selectors import groups_for_user


def sensitive_group_read(request, group, object_type):
    """(object type, basis) for the access log when `group` handles sensitive
    matters; its agendas, minutes and decisions are read on a need-to-know
    basis only (meetings.rules.can_view), so every read is logged."""
    if not group.handles_sensitive:
        return None
    if has_role(request.user, Role.COORDINATOR):
        return object_type, AccessLogEntry.Basis.COORDINATOR
    return object_type, AccessLogEntry.Basis.GROUP_MEMBER


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "chair", "handles_sensitive"]
    inlines = [MembershipInline]
    raw_id_fields = ["chair", "secretary"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "rrule", "starts_on", "ends_on"]
    list_filter = ["group"]


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    raw_id_fields = ["user", "membership"]


@admin.register(Meeting)
class MeetingAdmin(NeedToKnowAdmin):
    """Agendas and minutes: only meetings of groups the user may see
    (meetings.view_group), the same as the meeting pages."""

    object_rule = "meetings.view_group"

    list_display = ["title", "group", "date", "start_time", "status", "sequence"]
    list_filter = ["group", "status"]
    date_hierarchy = "date"
    inlines = [AttendeeInline]
    readonly_fields = ["uid", "sequence"]

    def visible_queryset(self, request, queryset):
        return queryset.filter(group__in=groups_for_user(request.user))

    def sensitive_read(self, request, obj):
        return sensitive_group_read(request, obj.group, "meeting")


@admin.register(Decision)
class DecisionAdmin(NeedToKnowAdmin):
    list_display = ["text", "meeting", "measure"]
    raw_id_fields = ["meeting", "measure"]

    def visible_queryset(self, request, queryset):
        return queryset.filter(meeting__group__in=groups_for_user(request.user))

    def get_object(self, request, object_id, from_field=None):
        decision = super().get_object(request, object_id, from_field)
        if not allowed(request.user, "meetings.view_group", decision.meeting.group):
            raise Http404
        return decision

    def sensitive_read(self, request, obj):
        return sensitive_group_read(request, obj.meeting.group, "decision")
