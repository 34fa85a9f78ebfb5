"""Reminders are outbox rows planned with a due time; the outbox tick sends
them. Delivery tests use a real aiosmtpd server."""

import threading
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.db import connection
from icalendar import Calendar

from meetings import services
from meetings.models import Delivery, Meeting
from notifications.models import OutgoingEmail
from notifications.sending import outbox_send_due

from .conftest import make_series

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # Monday 10:00 Stockholm


def _one_meeting(group, day=date(2026, 11, 12)):
    """A single Thursday meeting 09:00–10:30 via a COUNT=1 rule."""
    series = make_series(group, rrule="FREQ=WEEKLY;COUNT=1", starts_on=day, ends_on=day)
    return series.meetings.get()


def _calendar_of(message):
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return Calendar.from_ical(part.get_content()), part
    raise AssertionError("no text/calendar part")


def _event(message):
    calendar, _part = _calendar_of(message)
    return calendar, calendar.walk("VEVENT")[0]


def _pending(meeting):
    return OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:",
                                        status=OutgoingEmail.Status.PENDING)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_reminders_are_planned_7_and_1_days_before_at_eight(group):
    meeting = _one_meeting(group)
    attendees = meeting.attendees.count()
    assert attendees == 3  # chair, member, external person
    reminders = OutgoingEmail.objects.filter(key__contains=":reminder")
    # two reminders per attendee, at 08:00 Stockholm (07:00 UTC in November)
    assert reminders.count() == 2 * attendees
    assert set(reminders.values_list("due_at", flat=True)) == {
        datetime(2026, 11, 5, 7, 0, tzinfo=UTC), datetime(2026, 11, 11, 7, 0, tzinfo=UTC)}
    # the invitation is due at once (the meeting is within the lead time)
    assert OutgoingEmail.objects.filter(key__contains=":invite:", due_at=NOW).count() == 3


@pytest.mark.django_db(transaction=True)
def test_each_reminder_is_delivered_exactly_once_with_two_ticks_racing(group, smtp_server):
    with time_machine.travel(NOW, tick=False):
        meeting = _one_meeting(group)
    expected = OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:").count()
    assert expected == 9
    results = []

    def tick():
        try:
            results.append(outbox_send_due())
        finally:
            connection.close()

    # a moment after the last reminder is due, two ticks race for the rows
    with time_machine.travel(datetime(2026, 11, 11, 7, 1, tzinfo=UTC), tick=True):
        threads = [threading.Thread(target=tick) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert sum(results) == expected
    smtp_server.wait_for(expected)
    # every key delivered once: no duplicate Message-IDs
    ids = smtp_server.message_ids()
    assert len(ids) == len(set(ids)) == expected
    assert outbox_send_due() == 0


@pytest.mark.django_db
def test_smtp_down_is_retried_and_delivered(group, smtp_server):
    with time_machine.travel(NOW, tick=False):
        meeting = _one_meeting(group)
    smtp_server.stop()
    with time_machine.travel(datetime(2026, 11, 5, 7, 0, 5, tzinfo=UTC), tick=False):
        # invitations and the 7-day reminders are due, and the server is down
        assert outbox_send_due() == 0
        failed = OutgoingEmail.objects.filter(attempts=1, status="pending")
        assert failed.count() == 6 and all(e.last_error for e in failed)
    smtp_server.start()
    with time_machine.travel(datetime(2026, 11, 5, 7, 10, tzinfo=UTC), tick=False):
        # after the back-off the next tick delivers them
        assert outbox_send_due() == 6
    smtp_server.wait_for(6)
    assert OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:",
                                        status="sent").count() == 6


@pytest.mark.django_db
def test_moving_withdraws_old_reminders_and_sends_a_new_sequence(group, smtp_server):
    with time_machine.travel(NOW, tick=False):
        meeting = _one_meeting(group)
        assert outbox_send_due() == 3  # the invitations, SEQUENCE 0
        old_reminders = set(_pending(meeting).values_list("pk", flat=True))
        assert len(old_reminders) == 6
        services.meeting_move(meeting=meeting, date=date(2026, 11, 19), start_time=time(13, 0),
                              end_time=time(14, 0))
        # the old reminders are withdrawn, new ones planned under SEQUENCE 1
        assert OutgoingEmail.objects.filter(pk__in=old_reminders,
                                            status="withdrawn").count() == 6
        new_keys = list(_pending(meeting).values_list("key", flat=True))
        assert new_keys and all(key.endswith(":1") for key in new_keys)
        assert outbox_send_due() == 3  # the updated invitations
    messages = smtp_server.wait_for(6)
    first, updated = messages[0], messages[3]
    _cal, old_event = _event(first)
    _cal, new_event = _event(updated)
    # same UID, SEQUENCE raised, new time
    assert str(old_event["UID"]) == str(new_event["UID"]) == Meeting.objects.get().uid
    assert int(old_event["SEQUENCE"]) == 0 and int(new_event["SEQUENCE"]) == 1
    assert new_event.decoded("DTSTART") == datetime(2026, 11, 19, 12, 0, tzinfo=UTC)
    assert "Ändrad" in updated["Subject"]
    # the new reminders go out when due; the old never do
    with time_machine.travel(datetime(2026, 11, 18, 7, 0, 1, tzinfo=UTC), tick=False):
        assert outbox_send_due() == 6
    sent = smtp_server.wait_for(12)
    assert all(":reminder" not in str(m["Subject"]) for m in sent)
    assert OutgoingEmail.objects.filter(pk__in=old_reminders, status="sent").count() == 0


@pytest.mark.django_db
def test_cancelling_sends_method_cancel(group, smtp_server):
    with time_machine.travel(NOW, tick=False):
        meeting = _one_meeting(group)
        outbox_send_due()
        smtp_server.wait_for(3)
        services.meeting_cancel(meeting=meeting)
        # nothing planned is left but the cancellations
        assert not _pending(meeting).exclude(key__contains=":cancel:").exists()
        assert outbox_send_due() == 3
    messages = smtp_server.wait_for(6)
    cancel = messages[-1]
    calendar, part = _calendar_of(cancel)
    assert "method=CANCEL" in part["Content-Type"].replace('"', "")
    assert str(calendar["METHOD"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    assert str(event["UID"]) == meeting.uid
    assert "Inställt" in cancel["Subject"]
    # an invite.ics attachment rides along for clients that want a file
    assert any(p.get_filename() == "invite.ics" for p in cancel.walk())


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_digest_members_get_no_single_reminders_but_a_weekly_digest(group, member):
    membership = group.memberships.get(user=member)
    services.membership_set_preferences(membership=membership, delivery=Delivery.DIGEST,
                                        unsubscribed=False)
    meeting = _one_meeting(group)
    attendee = meeting.attendees.get(user=member)
    keys = list(OutgoingEmail.objects.filter(
        key__startswith=f"meeting:{meeting.pk}:{attendee.pk}:").values_list("key", flat=True))
    # the invitation still comes; the reminders are left to the digest
    assert len(keys) == 1 and ":invite:" in keys[0]
    assert services.digest_enqueue() == 1
    assert services.digest_enqueue() == 0 or OutgoingEmail.objects.filter(
        key__startswith="digest:").count() == 1
    digest = OutgoingEmail.objects.get(key__startswith="digest:")
    assert digest.to_email == member.email and digest.context["meetings"]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_switching_back_from_digest_plans_the_reminders_again(group, member):
    meeting = _one_meeting(group)
    membership = group.memberships.get(user=member)
    attendee = meeting.attendees.get(user=member)
    prefix = f"meeting:{meeting.pk}:{attendee.pk}:"
    services.membership_set_preferences(membership=membership, delivery=Delivery.DIGEST,
                                        unsubscribed=False)
    assert _pending(meeting).filter(key__startswith=prefix).count() == 1
    services.membership_set_preferences(membership=membership, delivery=Delivery.MESSAGE,
                                        unsubscribed=False)
    assert _pending(meeting).filter(key__startswith=prefix).count() == 3


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_unsubscribed_members_still_get_invitations_only(group, member):
    meeting = _one_meeting(group)
    membership = group.memberships.get(user=member)
    services.membership_set_preferences(membership=membership, delivery=Delivery.MESSAGE,
                                        unsubscribed=True)
    attendee = meeting.attendees.get(user=member)
    pending = _pending(meeting).filter(key__startswith=f"meeting:{meeting.pk}:{attendee.pk}:")
    assert [k.split(":")[3] for k in pending.values_list("key", flat=True)] == ["invite"]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_new_member_is_invited_to_future_meetings(group):
    meeting = _one_meeting(group)
    services.membership_add(group=group, name="Ny Person", email="ny@example.org")
    attendee = meeting.attendees.get(email="ny@example.org")
    assert OutgoingEmail.objects.filter(
        key=f"meeting:{meeting.pk}:{attendee.pk}:invite:0", due_at=NOW).exists()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_removed_member_gets_nothing_more(group, member):
    meeting = _one_meeting(group)
    attendee = meeting.attendees.get(user=member)
    services.membership_remove(membership=group.memberships.get(user=member))
    assert not OutgoingEmail.objects.filter(
        key__startswith=f"meeting:{meeting.pk}:{attendee.pk}:", status="pending").exists()
    assert not meeting.attendees.filter(user=member).exists()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_sensitive_group_mail_carries_no_content(sensitive_group, smtp_server):
    meeting = _one_meeting(sensitive_group)
    services.meeting_agenda_save(meeting=meeting, agenda="Hemligt ärende X", send=True)
    assert outbox_send_due() >= 2
    for message in smtp_server.wait_for(2):
        text = message.as_string()
        # neither the group's name nor the agenda reach the e-mail or the .ics
        assert "Hemligt" not in text and "Lägesbild" not in text


@pytest.mark.django_db
def test_the_invite_attachment_is_utf8_like_the_inline_part(group, smtp_server):
    """Issue 14: invite.ics was Latin-1 (SUMMARY:M\\xf6te) beside a UTF-8 part."""
    group.name = "Trygghetsmöte Ölsremma"
    group.save(update_fields=["name"])
    with time_machine.travel(NOW, tick=False):
        series = make_series(group, rrule="FREQ=WEEKLY;COUNT=1", starts_on=date(2026, 11, 12),
                             ends_on=date(2026, 11, 12), title="Trygghetsmöte Ölsremma")
        services.meeting_cancel(meeting=series.meetings.get())
        sent = outbox_send_due()
    message = smtp_server.wait_for(sent)[-1]
    _calendar, inline = _calendar_of(message)
    attachment = next(p for p in message.walk() if p.get_filename() == "invite.ics")
    raw = attachment.get_payload(decode=True)
    assert raw == inline.get_payload(decode=True)
    assert "Trygghetsmöte Ölsremma".encode() in raw.replace(b"\r\n ", b"")
