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
    """The SMTP server hangs; the worker is killed with SIGKILL while it waits
    on a reminder. The row stays pending and the next worker sends it once."""
    from notifications.tasks import outbox_send_due as task
    from tests.notifications.test_outbox import _HangingSMTP

    day = timezone.localdate() + timedelta(days=3)
    services.series_create(group=group, title="Prov", rrule="FREQ=DAILY;COUNT=1",
                           starts_on=day, ends_on=day, start_time=time(9, 0),
                           end_time=time(10, 0))
    # keep one attendee's 1-day reminder only, and make it due
    reminder = OutgoingEmail.objects.filter(key__contains=":reminder1:").first()
    OutgoingEmail.objects.exclude(pk=reminder.pk).delete()
    OutgoingEmail.objects.filter(pk=reminder.pk).update(due_at=timezone.now())
    smtp_server.stop()
    blocker = _HangingSMTP(smtp_server.port)
    blocker.start()
    worker = start_worker()
    task.delay()
    wait_until(lambda: blocker.connected.is_set(), 60, message="worker never connected")
    worker.kill()
    blocker.stop()
    assert OutgoingEmail.objects.get(pk=reminder.pk).status == "pending"

    smtp_server.start()
    start_worker()
    task.delay()
    smtp_server.wait_for(1, timeout=60)
    wait_until(lambda: OutgoingEmail.objects.get(pk=reminder.pk).status == "sent", 30)
    assert len(smtp_server.messages) == 1
    assert "Påminnelse" in smtp_server.messages[0]["Subject"]
