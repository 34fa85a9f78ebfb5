"""Changing one meeting: moving or cancelling it, answers, the agenda and the
minutes. Every e-mail goes through the outbox in the same transaction (see
mail.py for the keys and the member's choice of delivery)."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Invalid
from notifications.services import email_enqueue, email_withdraw

from . import agenda as agenda_module
from .calendar import meeting_ics
from .mail import mail_context, mail_key, plan_attendee_mail
from .models import Attendee, Delivery, Meeting, MeetingStatus, Rsvp


def lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related(
        "group__chair", "series").get(pk=meeting.pk)


def meeting_move(*, meeting: Meeting, date: date, start_time: time, end_time: time,
                 place: str | None = None, online_link: str | None = None) -> Meeting:
    """Move one occurrence. Its unsent mail is withdrawn; SEQUENCE rises and
    an updated invitation (same UID) goes out at once, with new reminders."""
    if end_time <= start_time:
        raise Invalid({"end_time": _("The meeting must end after it starts.")})
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if meeting.is_cancelled:
            raise Invalid(_("A cancelled meeting cannot be moved."))
        if datetime.combine(date, start_time, tzinfo=meeting.tzinfo) <= timezone.now():
            raise Invalid({"date": _("Choose a time in the future.")})
        email_withdraw(key_prefix=f"meeting:{meeting.pk}:")
        meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
        if place is not None:
            meeting.place = place
        if online_link is not None:
            meeting.online_link = online_link
        meeting.sequence += 1
        meeting.save()
        for attendee in meeting.attendees.select_related("membership"):
            plan_attendee_mail(meeting, attendee, invite_now=True)
    return meeting


def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancel one occurrence: unsent mail is withdrawn and every attendee gets
    a METHOD:CANCEL for the same UID with a raised SEQUENCE."""
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if meeting.is_cancelled:
            return meeting
        email_withdraw(key_prefix=f"meeting:{meeting.pk}:")
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        meeting.save()
        for attendee in meeting.attendees.select_related("membership"):
            email_enqueue(key=mail_key(meeting, attendee, "cancel"), to=attendee.email,
                          template="meeting_notice",
                          context=mail_context(meeting, attendee, "cancel"),
                          calendar=meeting_ics(meeting, method="CANCEL", attendees=[attendee]))
    return meeting


def meeting_rsvp(*, attendee: Attendee, response: str) -> Attendee:
    if response not in (Rsvp.YES, Rsvp.NO, Rsvp.MAYBE):
        raise Invalid(_("Answer yes, no or maybe."))
    with transaction.atomic():
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        attendee.response = response
        attendee.responded_at = timezone.now()
        attendee.save(update_fields=["response", "responded_at"])
    return attendee


def meeting_agenda_draft(*, meeting: Meeting, force: bool = False) -> Meeting:
    """Fill the agenda from what happened since the last meeting (kept when
    the chair has already written one, unless `force`)."""
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if meeting.agenda and not force:
            return meeting
        meeting.agenda = agenda_module.draft(meeting)
        meeting.agenda_drafted_at = timezone.now()
        meeting.save(update_fields=["agenda", "agenda_drafted_at", "updated_at"])
    return meeting


def meeting_agenda_save(*, meeting: Meeting, agenda: str, send: bool = False) -> Meeting:
    """Save the edited agenda; `send` tells the attendees it is ready (once
    per version of the meeting)."""
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if meeting.is_cancelled:
            raise Invalid(_("The meeting is cancelled."))
        meeting.agenda = agenda
        if send:
            if not agenda.strip():
                raise Invalid({"agenda": _("Write an agenda before sending it.")})
            meeting.agenda_sent_at = timezone.now()
        meeting.save()
        if send:
            for attendee in meeting.attendees.select_related("membership"):
                membership = attendee.membership
                if membership is not None and (membership.unsubscribed
                                               or membership.delivery == Delivery.DIGEST):
                    continue
                extra = {} if meeting.group.handles_sensitive else {"text": agenda}
                email_enqueue(key=mail_key(meeting, attendee, "agenda"), to=attendee.email,
                              template="meeting_notice",
                              context=mail_context(meeting, attendee, "agenda", **extra))
    return meeting


def meeting_minutes_save(*, meeting: Meeting, minutes: str, approve: bool = False) -> Meeting:
    """Save the minutes; approving sends them (or for sensitive groups, a
    link) to every member who has not unsubscribed."""
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        if meeting.minutes_approved_at is not None:
            raise Invalid(_("The minutes are approved and can no longer be changed."))
        meeting.minutes = minutes
        if approve:
            if not minutes.strip():
                raise Invalid({"minutes": _("Write the minutes before approving them.")})
            if not meeting.has_started:
                raise Invalid(_("Minutes can be approved only after the meeting has "
                                "started. Save them as a draft until then."))
            meeting.minutes_approved_at = timezone.now()
        meeting.save()
        if approve:
            extra = {} if meeting.group.handles_sensitive else {"text": minutes}
            for attendee in meeting.attendees.select_related("membership"):
                if attendee.membership is not None and attendee.membership.unsubscribed:
                    continue
                email_enqueue(key=mail_key(meeting, attendee, "minutes"), to=attendee.email,
                              template="meeting_notice",
                              context=mail_context(meeting, attendee, "minutes", **extra))
    return meeting

