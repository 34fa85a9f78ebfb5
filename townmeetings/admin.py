from django.contrib import admin

from .models import TownMeeting, TownMeetingProgrammeItem


class ProgrammeInline(admin.TabularInline):
    model = TownMeetingProgrammeItem
    extra = 0


@admin.register(TownMeeting)
class TownMeetingAdmin(admin.ModelAdmin):
    list_display = ("reference", "locality", "date", "venue", "feedback_sent_at")
    list_filter = ("locality",)
    readonly_fields = ("reference", "feedback_sent_at", "feedback_sent_to", "created_by")
    inlines = [ProgrammeInline]
