import logging
import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from notifications.models import OutgoingEmail
from notifications.sending import outbox_send_due
from notifications.services import email_enqueue, email_withdraw
from tests.support.processes import wait_until


def enqueue(key="test:1", to="mottagare@example.org"):
    return email_enqueue(key=key, to=to, template="test_notice",
                         context={"reference": "R-2026-00001", "url": "/x/"})


@pytest.mark.django_db
def test_the_same_key_twice_is_one_email():
    enqueue()
    enqueue()
    assert OutgoingEmail.objects.count() == 1


@pytest.mark.django_db
def test_a_rolled_back_change_sends_nothing(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the change failed")
    assert outbox_send_due() == 0
    assert smtp_server.messages == []


@pytest.mark.django_db
def test_a_committed_email_is_sent_once_with_a_stable_message_id(smtp_server):
    email = enqueue()
    assert outbox_send_due() == 1
    assert outbox_send_due() == 0
    [message] = smtp_server.wait_for(1)
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert message["Subject"] == "Tryggsam: meddelande om R-2026-00001"
    assert message["Message-ID"].endswith("@tranemo.example.org>")


@pytest.mark.django_db
def test_smtp_down_is_retried_and_delivered_after(smtp_server):
    smtp_server.stop()
    email = enqueue()
    assert outbox_send_due() == 0
    email.refresh_from_db()
    # the failure is recorded and the row waits for a later attempt
    assert email.status == OutgoingEmail.Status.PENDING
    assert email.attempts == 1 and email.last_error
    smtp_server.start()
    OutgoingEmail.objects.filter(pk=email.pk).update(due_at=email.created_at)
    assert outbox_send_due() == 1
    assert len(smtp_server.wait_for(1)) == 1


@pytest.mark.django_db
def test_withdrawn_emails_are_not_sent(smtp_server):
    enqueue(key="meeting:7:reminder")
    assert email_withdraw(key_prefix="meeting:7:") == 1
    assert outbox_send_due() == 0


def _poisoned_between_good_rows():
    """Four rows due in this order: good, missing template, broken attachment,
    good. The bad ones fail while the message is built, before any SMTP."""
    start = timezone.now() - timedelta(minutes=10)
    rows = [
        enqueue(key="good:1", to="forsta@example.org"),
        email_enqueue(key="bad:template", to="hemlig.person@example.org",
                      template="no_such_template", context={"reference": "R-2026-00002"}),
        email_enqueue(key="bad:attachment", to="hemlig.person@example.org",
                      template="test_notice", context={"reference": "R-2026-00003"},
                      attachments=[{"filename": "beslut.pdf"}]),
        enqueue(key="good:2", to="andra@example.org"),
    ]
    for minutes, row in enumerate(rows):
        OutgoingEmail.objects.filter(pk=row.pk).update(due_at=start + timedelta(minutes=minutes))
    return rows


@pytest.mark.django_db
def test_a_poisoned_email_never_stops_the_good_ones(smtp_server, settings, caplog):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    good_1, bad_template, bad_attachment, good_2 = _poisoned_between_good_rows()
    caplog.set_level(logging.WARNING, logger="notifications.sending")

    # the good rows on both sides of the bad ones go out in the same tick
    assert outbox_send_due() == 2
    smtp_server.wait_for(2)
    assert sorted(e[1][0] for e in smtp_server.envelopes) == [
        "andra@example.org", "forsta@example.org"]
    for good in (good_1, good_2):
        good.refresh_from_db()
        assert (good.status, good.attempts) == (OutgoingEmail.Status.SENT, 1)

    # each bad row counted its attempt and stepped aside (backoff), still pending
    for bad, error in ((bad_template, "TemplateDoesNotExist"), (bad_attachment, "KeyError")):
        bad.refresh_from_db()
        assert (bad.status, bad.attempts) == (OutgoingEmail.Status.PENDING, 1)
        assert bad.due_at > timezone.now()
        assert bad.last_error.startswith(error)

    # after OUTBOX_MAX_ATTEMPTS the bad rows are failed and nothing more is sent
    for _ in range(2):
        OutgoingEmail.objects.filter(status="pending").update(due_at=timezone.now())
        assert outbox_send_due() == 0
    for bad in (bad_template, bad_attachment):
        bad.refresh_from_db()
        assert (bad.status, bad.attempts) == (OutgoingEmail.Status.FAILED, 3)
    assert outbox_send_due() == 0
    assert len(smtp_server.messages) == 2

    # the log names the row and the error class, never the recipient
    failures = [r for r in caplog.records if "failed with" in r.getMessage()]
    assert len(failures) == 6
    assert all("hemlig.person" not in r.getMessage() for r in caplog.records)
    assert "marked failed" in failures[-1].getMessage()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ticks_send_each_key_once(smtp_server, settings):
    for n in range(20):
        enqueue(key=f"race:{n}", to=f"m{n}@example.org")
    # Both ticks must be mid-send at the same moment, each holding a claimed
    # row: the first DATA of each waits for the other one at the barrier. The
    # SMTP timeout outlasts the barrier's, so a tick that cannot get a row of
    # its own breaks the barrier instead of slipping through after a timeout.
    settings.EMAIL_TIMEOUT = 60
    in_data = threading.Barrier(2, timeout=30)
    smtp_server.meet_in_data(in_data)
    start = threading.Barrier(2, timeout=20)
    results = []

    def tick():
        try:
            start.wait()
            results.append(outbox_send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # the ticks overlapped: neither waited for the other's row (SKIP LOCKED)
    assert not in_data.broken
    assert sum(results) == 20 and min(results) >= 1
    smtp_server.wait_for(20)
    # every key was delivered exactly once
    assert len(set(smtp_server.message_ids())) == len(smtp_server.messages) == 20


@pytest.mark.slow
def test_a_real_celery_worker_delivers_a_committed_email(start_worker, smtp_server):
    from notifications.tasks import outbox_send_due as task

    enqueue(key="worker:1")
    start_worker()
    task.delay()
    smtp_server.wait_for(1, timeout=60)
    wait_until(lambda: OutgoingEmail.objects.get(key="worker:1").status == "sent", 30)
    assert len(smtp_server.messages) == 1


@pytest.mark.slow
def test_worker_killed_during_data_sends_again_with_the_same_message_id(start_worker,
                                                                         smtp_server):
    """The at-least-once window (see notifications/sending.py): the relay has
    the whole message but the worker is killed before it hears 250 and
    commits. The row rolls back to pending with no attempt counted, and the
    next worker sends it again under the same Message-ID."""
    from notifications.tasks import outbox_send_due as task

    enqueue(key="kill:1")
    smtp_server.hold_next_data()
    # a long SMTP timeout: the worker must still be waiting for 250 when killed
    worker = start_worker(EMAIL_TIMEOUT=120)
    task.delay()
    wait_until(smtp_server.data_held.is_set, 60, message="the worker never reached DATA")
    worker.kill()
    smtp_server.release()

    # killed mid-DATA: nothing was committed, the lock went with the connection
    email = OutgoingEmail.objects.get(key="kill:1")
    assert (email.status, email.attempts, email.sent_at) == ("pending", 0, None)
    assert len(smtp_server.messages) == 1

    start_worker()
    task.delay()
    wait_until(lambda: OutgoingEmail.objects.get(key="kill:1").status == "sent", 60)
    # delivered twice (at least once), recognisably the same message
    first, second = smtp_server.wait_for(2)
    assert first["Message-ID"] == second["Message-ID"]
    assert OutgoingEmail.objects.get(key="kill:1").attempts == 1
