from django.contrib import admin

from .models import Attendee, Decision, Meeting, MeetingSeries, Membership, WorkingGroup


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
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "date", "start_time", "status", "sequence"]
    list_filter = ["group", "status"]
    date_hierarchy = "date"
    inlines = [AttendeeInline]
    readonly_fields = ["uid", "sequence"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["text", "meeting", "measure"]
    raw_id_fields = ["meeting", "measure"]
