"""Every way a working group, its members or a series changes. Changing one
meeting is in occurrences.py, decisions in decisions.py, mail planning and
signed links in mail.py, the digest and calendar feed in digest.py; their
services are imported here too, so `meetings.services.<name>` keeps working.

Mail: every e-mail goes through the outbox (`notifications.services`), written
in the same transaction as the change (see mail.py)."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Invalid
from notifications.services import email_withdraw

from .decisions import decision_add, group_measures_restrict, restriction_for
from .digest import digest_enqueue, feed_get_or_create, feed_revoke
from .mail import (
    INVITE_LEAD,
    RSVP_SALT,
    UNSUBSCRIBE_SALT,
    LinkExpired,
    local_moment,
    plan_attendee_mail,
    read_rsvp_token,
    read_unsubscribe_token,
    signed_rsvp_token,
    signed_unsubscribe_token,
    withdraw_non_essential,
)
from .models import (
    Attendee,
    Delivery,
    HolidayPolicy,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Membership,
    WorkingGroup,
)
from .occurrences import (
    meeting_agenda_draft,
    meeting_agenda_save,
    meeting_cancel,
    meeting_minutes_save,
    meeting_move,
    meeting_rsvp,
)
from .recurrence import occurrences

__all__ = [
    "INVITE_LEAD", "RSVP_SALT", "UNSUBSCRIBE_SALT", "LinkExpired", "decision_add",
    "digest_enqueue", "feed_get_or_create", "feed_revoke", "group_create",
    "group_measures_restrict", "group_update", "local_moment", "meeting_agenda_draft",
    "meeting_agenda_save", "meeting_cancel", "meeting_minutes_save", "meeting_move",
    "meeting_rsvp", "membership_add", "membership_remove", "membership_set_preferences",
    "read_rsvp_token", "read_unsubscribe_token", "restriction_for", "series_create",
    "signed_rsvp_token", "signed_unsubscribe_token",
]


# ---------------------------------------------------------------- groups

def group_create(*, name: str, purpose: str = "", chair=None, secretary=None,
                 handles_sensitive: bool = False, takes_input: bool = False) -> WorkingGroup:
    name = (name or "").strip()
    if not name:
        raise Invalid({"name": _("Enter a name.")})
    with transaction.atomic():
        if WorkingGroup.objects.filter(name__iexact=name).exists():
            raise Invalid({"name": _("A working group with this name exists already.")})
        group = WorkingGroup.objects.create(
            name=name, purpose=purpose, chair=chair, secretary=secretary,
            handles_sensitive=handles_sensitive, takes_input=takes_input)
        for person in {p for p in (chair, secretary) if p is not None}:
            membership_add(group=group, user=person)
    return group


def group_update(*, group: WorkingGroup, name: str, purpose: str, chair, secretary,
                 handles_sensitive: bool, takes_input: bool | None = None) -> WorkingGroup:
    """Change a group's details. `takes_input` None keeps it as it is (callers
    that do not offer the choice)."""
    with transaction.atomic():
        group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        if WorkingGroup.objects.filter(name__iexact=name).exclude(pk=group.pk).exists():
            raise Invalid({"name": _("A working group with this name exists already.")})
        group.name, group.purpose = name, purpose
        group.chair, group.secretary = chair, secretary
        was_sensitive = group.handles_sensitive
        group.handles_sensitive = handles_sensitive
        if takes_input is not None:
            group.takes_input = takes_input
        group.save()
        if was_sensitive != handles_sensitive:
            group_measures_restrict(group=group)
        for person in {p for p in (chair, secretary) if p is not None}:
            if not group.memberships.filter(user=person).exists():
                membership_add(group=group, user=person)
    return group


# ---------------------------------------------------------------- members

def membership_add(*, group: WorkingGroup, user=None, name: str = "", organisation: str = "",
                   email: str = "", delivery: str = Delivery.MESSAGE) -> Membership:
    """Add a user or an external person. Every member needs an e-mail address
    (reminders and invitations are the point of membership). The member is
    added to the group's future meetings and gets their invitations."""
    email = (email or "").strip().lower()
    if user is not None:
        if not user.email:
            raise Invalid({"user": _("%(name)s has no e-mail address. Add one "
                                     "before adding them to a group.")
                           % {"name": user.get_full_name() or user.username}})
        if group.memberships.filter(user=user).exists():
            raise Invalid({"user": _("This person is a member already.")})
        name, email, organisation = "", "", ""
    else:
        if not name.strip():
            raise Invalid({"name": _("Enter the person's name.")})
        if not email:
            raise Invalid({"email": _("Enter the person's e-mail address.")})
        try:
            validate_email(email)
        except ValidationError as error:
            raise Invalid({"email": _("Enter a valid e-mail address, "
                                      "e.g. namn@example.org.")}) from error
        if group.memberships.filter(user__isnull=True, email=email).exists() or \
                group.memberships.filter(user__email__iexact=email).exists():
            raise Invalid({"email": _("Someone with this e-mail address is a "
                                      "member already.")})
    with transaction.atomic():
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    group=group, user=user, name=name.strip(), organisation=organisation.strip(),
                    email=email, delivery=delivery)
        except IntegrityError as error:
            raise Invalid(_("This person is a member already.")) from error
        for meeting in future_meetings(group):
            attendee = attendee_for(meeting, membership)
            if attendee is not None:
                plan_attendee_mail(meeting, attendee, invite_now=True)
    return membership


def membership_remove(*, membership: Membership) -> None:
    """Remove a member; their pending mail for future meetings is withdrawn."""
    with transaction.atomic():
        for attendee in Attendee.objects.filter(
                membership=membership, meeting__in=future_meetings(membership.group)):
            email_withdraw(key_prefix=f"meeting:{attendee.meeting_id}:{attendee.pk}:")
            attendee.delete()
        membership.delete()


def membership_set_preferences(*, membership: Membership, delivery: str,
                               unsubscribed: bool) -> Membership:
    """Change how the member gets non-essential mail; the pending mail of
    future meetings is re-planned to match."""
    if delivery not in Delivery.values:
        raise Invalid({"delivery": _("Choose how you want your reminders.")})
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        membership.delivery, membership.unsubscribed = delivery, unsubscribed
        membership.save(update_fields=["delivery", "unsubscribed"])
        for attendee in Attendee.objects.filter(
                membership=membership, meeting__in=future_meetings(membership.group)
        ).select_related("meeting__group__chair", "membership"):
            withdraw_non_essential(attendee)
            plan_attendee_mail(attendee.meeting, attendee, invite_now=False)
    return membership


# ---------------------------------------------------------------- series

def series_create(*, group: WorkingGroup, title: str, rrule: str, starts_on: date,
                  ends_on: date, start_time: time, end_time: time, place: str = "",
                  online_link: str = "", holiday_policy: str = HolidayPolicy.LEAVE,
                  reminder_days=(7, 1)) -> MeetingSeries:
    """Create a series and its meetings. Rejects (Swedish Invalid,
    nothing saved) a rule with no or too many occurrences, an end before the
    start and an end time not after the start time."""
    if end_time <= start_time:
        raise Invalid({"end_time": _("The meeting must end after it starts.")})
    days = sorted({int(d) for d in reminder_days}, reverse=True)
    if any(d < 0 or d > 60 for d in days):
        raise Invalid({"reminder_days": _("Reminders can be sent 0–60 days before.")})
    found = occurrences(rrule=rrule, starts_on=starts_on, ends_on=ends_on,
                        start_time=start_time,
                        move_from_holidays=holiday_policy == HolidayPolicy.MOVE)
    with transaction.atomic():
        series = MeetingSeries.objects.create(
            group=group, title=title.strip() or group.name, rrule=rrule.strip(),
            starts_on=starts_on, ends_on=ends_on, start_time=start_time, end_time=end_time,
            place=place, online_link=online_link, holiday_policy=holiday_policy,
            reminder_days=days)
        memberships = list(group.memberships.select_related("user"))
        for occurrence in found:
            meeting = Meeting.objects.create(
                group=group, series=series, title=series.title, uid=Meeting.new_uid(),
                original_date=occurrence.original_date, date=occurrence.date,
                start_time=start_time, end_time=end_time, place=place,
                online_link=online_link, holiday_name=occurrence.holiday_name)
            for membership in memberships:
                attendee = attendee_for(meeting, membership)
                if attendee is not None and meeting.starts_at > timezone.now():
                    plan_attendee_mail(meeting, attendee, invite_now=False)
    return series


def future_meetings(group: WorkingGroup):
    today = timezone.localdate()
    return group.meetings.filter(status=MeetingStatus.PLANNED, date__gte=today)


def attendee_for(meeting: Meeting, membership: Membership) -> Attendee | None:
    address = membership.address
    if not address:
        return None
    attendee, _created = Attendee.objects.get_or_create(
        meeting=meeting, email=address.lower(),
        defaults={"membership": membership, "user": membership.user,
                  "name": membership.display_name})
    return attendee

