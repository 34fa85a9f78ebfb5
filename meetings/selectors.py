"""Reads for the meetings views, filtered by what the user may see."""

from datetime import timedelta

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role, has_role
from core.access import allowed

from .models import Attendee, Meeting, MeetingStatus, WorkingGroup


def groups_for_user(user):
    """Groups the user may see (same rule as meetings.rules.can_view)."""
    groups = WorkingGroup.objects.all()
    if has_role(user, Role.COORDINATOR):
        return groups
    visible = Q(memberships__user=user) | Q(chair=user) | Q(secretary=user)
    if has_role(user, Role.SECURITY_COORDINATOR, Role.MANAGEMENT):
        visible |= Q(handles_sensitive=False)
    return groups.filter(visible).distinct()


def group_for_user(user, pk: int, *, manage: bool = False) -> WorkingGroup:
    """The group, or 404 when the user may not see it (they need not know it
    exists); PermissionDenied is left to the caller for manage rights."""
    group = WorkingGroup.objects.select_related("chair", "secretary").filter(pk=pk).first()
    if group is None or not allowed(user, "meetings.view_group", group):
        raise Http404
    return group


def meeting_for_user(user, pk: int) -> Meeting:
    meeting = (Meeting.objects.select_related("group__chair", "group__secretary", "series")
               .filter(pk=pk).first())
    if meeting is None or not allowed(user, "meetings.view_group", meeting.group):
        raise Http404
    return meeting


def group_list(user):
    today = timezone.localdate()
    return groups_for_user(user).select_related("chair").annotate(
        member_count=Count("memberships", distinct=True),
        upcoming=Count("meetings", filter=Q(meetings__date__gte=today,
                                            meetings__status=MeetingStatus.PLANNED),
                       distinct=True),
    ).order_by("name")


def year_meetings(group: WorkingGroup, year: int):
    return group.meetings.filter(date__year=year).select_related("series").order_by(
        "date", "start_time")


def next_meeting(group: WorkingGroup) -> Meeting | None:
    today = timezone.localdate()
    return group.meetings.filter(status=MeetingStatus.PLANNED, date__gte=today).order_by(
        "date", "start_time").first()


def upcoming_for_user(user, limit: int = 10):
    today = timezone.localdate()
    return (Meeting.objects.filter(group__in=groups_for_user(user).filter(
        memberships__user=user), date__gte=today, status=MeetingStatus.PLANNED)
        .select_related("group").order_by("date", "start_time")[:limit])


def feed_meetings(user):
    """Meetings of the user's groups (as a member), last 90 days to a year ahead."""
    today = timezone.localdate()
    return (Meeting.objects.filter(group__memberships__user=user,
                                   date__gte=today - timedelta(days=90),
                                   date__lte=today + timedelta(days=366))
            .select_related("group__chair").distinct().order_by("date", "start_time"))


def attendee_for(meeting: Meeting, user) -> Attendee | None:
    return meeting.attendees.filter(user=user).first()
