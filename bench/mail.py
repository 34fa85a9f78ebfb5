"""E-mail throughput: Tryggsam's outbox against bare Celery, both through the
same real worker (prefork, 2 processes) into the same local SMTP sink."""

from __future__ import annotations

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
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.count += 1
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


def bare_celery(ctx, count: int = MAILS) -> Measured:
    target = ctx.sink.count + count
    started = time.monotonic()
    for n in range(count):
        ctx.app.send_task("bench.tasks.bare_send", queue=ctx.queue,
                          args=[f"m{n}@example.org", f"Tryggsam: R-2026-{n:05d}", "Hej."])
    ctx.sink.wait_for(target)
    return Measured(rate=count / (time.monotonic() - started), queries=0.0)


def _enqueue(count: int) -> None:
    from django.utils import timezone

    from notifications.models import OutgoingEmail

    # anything left pending by an earlier, interrupted run would inflate the count
    OutgoingEmail.objects.filter(status="pending").update(status="withdrawn")
    run, now = uuid.uuid4().hex[:8], timezone.now()
    OutgoingEmail.objects.bulk_create([
        OutgoingEmail(key=f"bench:{run}:{n}", to_email=f"m{n}@example.org",
                      template="test_notice", due_at=now,
                      context={"reference": f"R-2026-{n:05d}", "url": "/x/"})
        for n in range(count)
    ])


def outbox(ctx, count: int = MAILS) -> Measured:
    _enqueue(count)
    target = ctx.sink.count + count
    started = time.monotonic()
    ctx.app.send_task("notifications.tasks.outbox_send_due", queue=ctx.queue)
    ctx.sink.wait_for(target)
    return Measured(rate=count / (time.monotonic() - started), queries=ctx.outbox_queries)


def outbox_queries_per_mail(count: int = 20) -> float:
    """Queries per e-mail of one tick, counted in this process (same settings,
    same sink) since the worker's queries cannot be seen from here."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notifications.sending import outbox_send_due

    _enqueue(count)
    with CaptureQueriesContext(connection) as queries:
        sent = outbox_send_due()
    return round(len(queries) / max(sent, 1), 1)
