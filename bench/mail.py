"""E-mail throughput: Tryggsam's outbox against bare Celery, both through the
same real worker (prefork, 2 processes) into the same local SMTP sink, both
clocks started before the work is handed over (the outbox rows inserted, the
bare tasks enqueued). Also the sink the reminder-latency scenario reads."""

from __future__ import annotations

import base64
import threading
import time
import uuid

from aiosmtpd.controller import Controller

from bench.scenarios import Measured

MAILS = 300  # one outbox tick sends up to 500


class CountingSink:
    """aiosmtpd on a loopback port that only counts what it receives."""

    def __init__(self, port: int):
        self.port = port
        self.count = 0
        self.arrivals: dict[str, float] = {}  # recipient → wall-clock time of arrival
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.count += 1
            for recipient in envelope.rcpt_tos:
                self.arrivals.setdefault(recipient, time.time())
        return "250 OK"

    def start(self):
        self._controller.start()

    def stop(self):
        self._controller.stop()

    def wait_for(self, total: int, timeout: float = 300.0) -> None:
        deadline = time.monotonic() + timeout
        while self.count < total:
            if time.monotonic() > deadline:
                raise RuntimeError(f"sink got {self.count} of {total} messages in time")
            time.sleep(0.01)


def prerendered_message() -> str:
    """One reminder as the outbox would send it, rendered once before the clock
    starts (base64 for the JSON task payload)."""
    from django.core.mail import EmailMessage

    message = EmailMessage("Tryggsam: påminnelse R-2026-00001", "Hej.\n\nSe /x/.",
                           to=["m@example.org"]).message()
    return base64.b64encode(message.as_bytes()).decode()


def bare_celery(ctx, count: int = MAILS) -> Measured:
    from django.conf import settings

    message = prerendered_message()
    target = ctx.sink.count + count
    started = time.monotonic()
    for n in range(count):
        ctx.app.send_task("bench.tasks.bare_send", queue=ctx.queue,
                          args=[settings.DEFAULT_FROM_EMAIL, f"m{n}@example.org", message])
    ctx.sink.wait_for(target)
    return Measured(rate=count / (time.monotonic() - started), queries=0.0)


def withdraw_pending() -> None:
    """Anything left pending by an earlier, interrupted run would inflate the count."""
    from notifications.models import OutgoingEmail

    OutgoingEmail.objects.filter(status="pending").update(status="withdrawn")


def _enqueue(count: int) -> None:
    from django.utils import timezone

    from notifications.models import OutgoingEmail

    run, now = uuid.uuid4().hex[:8], timezone.now()
    OutgoingEmail.objects.bulk_create([
        OutgoingEmail(key=f"bench:{run}:{n}", to_email=f"m{n}@example.org",
                      template="test_notice", due_at=now,
                      context={"reference": f"R-2026-{n:05d}", "url": "/x/"})
        for n in range(count)
    ])


def outbox(ctx, count: int = MAILS) -> Measured:
    withdraw_pending()
    target = ctx.sink.count + count
    started = time.monotonic()  # before the rows are written, as bare Celery's before enqueueing
    _enqueue(count)
    ctx.app.send_task("notifications.tasks.outbox_send_due", queue=ctx.queue)
    ctx.sink.wait_for(target)
    return Measured(rate=count / (time.monotonic() - started), queries=ctx.outbox_queries)


def outbox_queries_per_mail(count: int = 20) -> float:
    """Queries per e-mail of one tick, counted in this process (same settings,
    same sink) since the worker's queries cannot be seen from here."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notifications.sending import outbox_send_due

    withdraw_pending()
    _enqueue(count)
    with CaptureQueriesContext(connection) as queries:
        sent = outbox_send_due()
    return round(len(queries) / max(sent, 1), 1)
