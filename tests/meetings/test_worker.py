"""End to end on a real Celery worker process and a real SMTP server."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Delivery
from notifications.models import OutgoingEmail
from tests.support.processes import wait_until


@pytest.mark.slow
def test_a_real_worker_delivers_invitations_and_due_reminders_once(
        start_worker, smtp_server, group):
    from notifications.tasks import outbox_send_due as task

    day = timezone.localdate() + timedelta(days=3)
    series = services.series_create(
        group=group, title="Prov", rrule="FREQ=DAILY;COUNT=1", starts_on=day, ends_on=day,
        start_time=time(9, 0),
        end_time=time(10, 0))
    meeting = series.meetings.get()
    # the 1-day reminders become due (as if the clock had reached them)
    due = OutgoingEmail.objects.filter(key__contains=":reminder1:")
    assert due.count() == 3
    due.update(due_at=timezone.now())
    start_worker()
    task.delay()
    task.delay()  # a second tick racing the first
    smtp_server.wait_for(6, timeout=60)
    wait_until(lambda: OutgoingEmail.objects.filter(
        key__startswith=f"meeting:{meeting.pk}:", status="sent").count() == 6, 30)
    ids = smtp_server.message_ids()
    assert len(ids) == len(set(ids)) == 6
    for message in smtp_server.messages:
        calendar = next(Calendar.from_ical(p.get_content()) for p in message.walk()
                        if p.get_content_type() == "text/calendar")
        assert str(calendar.walk("VEVENT")[0]["UID"]) == meeting.uid


@pytest.mark.slow
def test_the_weekly_digest_task_runs_on_the_worker(start_worker, smtp_server, group, member):
    from meetings.tasks import meeting_digest_enqueue
    from notifications.tasks import outbox_send_due

    services.membership_set_preferences(membership=group.memberships.get(user=member),
                                        delivery=Delivery.DIGEST, unsubscribed=False)
    day = timezone.localdate() + timedelta(days=5)
    services.series_create(
        group=group, title="Prov", rrule="FREQ=DAILY;COUNT=1", starts_on=day, ends_on=day,
        start_time=time(9, 0),
        end_time=time(10, 0))
    OutgoingEmail.objects.all().delete()  # only the digest matters here
    start_worker()
    meeting_digest_enqueue.delay()
    wait_until(lambda: OutgoingEmail.objects.filter(key__startswith="digest:").exists(), 60)
    outbox_send_due.delay()
    [message] = smtp_server.wait_for(1, timeout=60)
    assert message["To"] == member.email
    assert "vecka" in message["Subject"]


@pytest.mark.slow
def test_a_worker_killed_mid_send_delivers_the_reminder_once_after_restart(
        start_worker, smtp_server, group):
    """The relay has the reminder but the worker is killed before it hears
    250: the row stays pending with no attempt counted, and the next worker
    sends it again under the same Message-ID (at least once, recognisably one
    reminder), then marks it sent."""
    from notifications.tasks import outbox_send_due as task

    day = timezone.localdate() + timedelta(days=3)
    services.series_create(group=group, title="Prov", rrule="FREQ=DAILY;COUNT=1",
                           starts_on=day, ends_on=day, start_time=time(9, 0),
                           end_time=time(10, 0))
    # keep one attendee's 1-day reminder only, and make it due
    reminder = OutgoingEmail.objects.filter(key__contains=":reminder1:").first()
    OutgoingEmail.objects.exclude(pk=reminder.pk).delete()
    OutgoingEmail.objects.filter(pk=reminder.pk).update(due_at=timezone.now())
    smtp_server.hold_next_data()
    worker = start_worker(EMAIL_TIMEOUT=120)
    task.delay()
    wait_until(smtp_server.data_held.is_set, 60, message="the worker never reached DATA")
    worker.kill()
    smtp_server.release()
    row = OutgoingEmail.objects.get(pk=reminder.pk)
    assert (row.status, row.attempts) == ("pending", 0)

    start_worker()
    task.delay()
    wait_until(lambda: OutgoingEmail.objects.get(pk=reminder.pk).status == "sent", 60)
    first, second = smtp_server.wait_for(2, timeout=60)
    assert first["Message-ID"] == second["Message-ID"]
    assert "Påminnelse" in second["Subject"]
    assert OutgoingEmail.objects.get(pk=reminder.pk).attempts == 1
