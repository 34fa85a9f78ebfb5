"""The SMTP server is down for a while, then answers 451 to some messages:
the real worker keeps retrying on the beat's ticks, and in the end every
e-mail is delivered exactly once."""

import pytest
from django.db.models import F
from django.utils import timezone

from notifications.models import OutgoingEmail
from notifications.services import email_enqueue
from tests.faults.conftest import wait_a_little
from tests.support.processes import wait_until

COUNT = 6


def fast_forward_backoff() -> int:
    """Make waiting rows due now: stands in for the 30 s+ backoff passing."""
    return OutgoingEmail.objects.filter(status="pending", attempts__gt=0).update(
        due_at=timezone.now(),
    )


@pytest.mark.slow
def test_smtp_outage_is_retried_then_each_email_delivered_once(
    private_broker, celery_processes, smtp_server,
):
    celery_processes("worker")
    celery_processes("beat", OUTBOX_TICK_SECONDS=1)
    smtp_server.stop()
    for n in range(COUNT):
        email_enqueue(key=f"smtp-down:{n}", to=f"m{n}@example.org", template="test_notice",
                      context={"reference": f"R-2026-{n:05d}", "url": "/x/"})

    # every e-mail was tried, failed, and waits for a retry
    wait_until(lambda: not OutgoingEmail.objects.filter(attempts=0).exists(), 60,
               message="the worker never tried to send")
    fast_forward_backoff()
    wait_until(lambda: not OutgoingEmail.objects.filter(attempts__lt=2).exists(), 60,
               message="no retry while SMTP was down")
    wait_a_little(2)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"pending"}
    assert not OutgoingEmail.objects.filter(last_error="").exists()

    # SMTP returns but refuses the first two messages with 451 (try later)
    smtp_server.start()
    smtp_server.fail_next(2)
    fast_forward_backoff()
    wait_until(lambda: OutgoingEmail.objects.filter(status="sent").count() == COUNT - 2, 60,
               message="delivery did not resume")
    fast_forward_backoff()
    wait_until(lambda: OutgoingEmail.objects.filter(status="sent").count() == COUNT, 60,
               message="the 451-refused messages were not retried")

    # every e-mail arrived once, and the rows tell how many attempts it took
    wait_a_little(2)
    assert len(smtp_server.messages) == COUNT
    assert len(set(smtp_server.message_ids())) == COUNT
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(
        f"m{n}@example.org" for n in range(COUNT))
    # two failures while down, then sent (3); the two refused ones took a 4th
    attempts = sorted(OutgoingEmail.objects.values_list("attempts", flat=True))
    assert attempts == [3] * (COUNT - 2) + [4, 4]
    assert not OutgoingEmail.objects.filter(sent_at__lt=F("created_at")).exists()
