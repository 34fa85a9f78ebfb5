"""Two `celery beat` processes by mistake (a second host, a restart overlap):
the outbox tick runs twice as often, on two workers at once, and still no
e-mail goes out twice."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import OutgoingEmail
from notifications.services import email_enqueue
from tests.faults.conftest import wait_a_little
from tests.support.processes import wait_until

COUNT = 40


@pytest.mark.slow
def test_two_beat_processes_send_no_duplicates(private_broker, celery_processes, smtp_server):
    now = timezone.now()
    # due times spread over 4 s, so that many ticks find work, racing each other
    for n in range(COUNT):
        email_enqueue(key=f"two-beats:{n}", to=f"m{n}@example.org", template="test_notice",
                      context={"reference": f"R-2026-{n:05d}", "url": "/x/"},
                      due_at=now + timedelta(seconds=n * 0.1))
    workers = [celery_processes("worker") for _ in range(2)]
    beats = [celery_processes("beat", OUTBOX_TICK_SECONDS=1) for _ in range(2)]

    wait_until(lambda: OutgoingEmail.objects.filter(status="sent").count() == COUNT, 90,
               message="not everything was sent")
    wait_a_little(3)  # more duplicate ticks, with nothing left to send

    # both beats really ticked, and both workers really ran ticks
    for beat in beats:
        assert len(re.findall(r"Sending due task outbox-send-due", beat.log())) >= 2, beat.log()
    for worker in workers:
        assert "outbox_send_due" in worker.log(), worker.log()
    # still: each e-mail once, one attempt each
    assert len(smtp_server.messages) == COUNT
    assert len(set(smtp_server.message_ids())) == COUNT
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}
