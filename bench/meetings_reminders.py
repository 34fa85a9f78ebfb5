"""Reminder throughput and latency: Tryggsam's outbox on a real Celery worker
against bare Celery sending the same messages (bench/bare_celery.py), both to
a local aiosmtpd sink.

    DATABASE_URL=postgres://…/scratch REDIS_URL=redis://…/9 \\
        .venv/bin/python bench/meetings_reminders.py [N]

The database must be migrated and is written to (a bench group and its rows
are removed afterwards). Targets from the issue: throughput ≥ 50 % of bare
Celery; due → SMTP accepted p99 ≤ tick interval + 5 s (the tick here is 1 s)."""

import base64
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
TICK = 1.0
BURST = int(os.environ.get("BENCH_BURST", "50"))


def _worker(args, env, name):
    log = open(Path(tempfile.gettempdir()) / f"bench-{name}-{os.getpid()}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "celery", *args], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if b"ready." in Path(log.name).read_bytes():
            return proc
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{name} worker did not start; see {log.name}")


def _wait(sink, count, started, timeout=300):
    """Poll the sink; returns the acceptance times (seconds after `started`)."""
    seen, times = len(sink.messages), []
    deadline = time.monotonic() + timeout
    while len(sink.messages) < count:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(sink.messages)} of {count} messages arrived")
        now = len(sink.messages)
        if now > seen:
            times.extend([time.monotonic() - started] * (now - seen))
            seen = now
        time.sleep(0.005)
    times.extend([time.monotonic() - started] * (len(sink.messages) - seen))
    return times


def main(n: int) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from meetings import services
    from meetings.models import WorkingGroup
    from notifications.emails import build_message
    from notifications.models import OutgoingEmail
    from tests.support.smtp import SMTPServer

    sink = SMTPServer()
    sink.start()
    env = dict(os.environ, EMAIL_URL=f"smtp://127.0.0.1:{sink.port}", PYTHONUNBUFFERED="1")
    queue = f"bench-{os.getpid()}"

    group = services.group_create(name=f"Bench {time.time_ns()}")
    for i in range(n):
        services.membership_add(group=group, name=f"Mottagare {i}",
                                email=f"bench{i}@example.org")
    day = timezone.localdate() + timedelta(days=3)
    services.series_create(group=group, title="Bench", rrule="FREQ=DAILY;COUNT=1",
                           starts_on=day, ends_on=day, start_time=clock(9, 0),
                           end_time=clock(10, 0))
    rows = OutgoingEmail.objects.filter(key__startswith="meeting:",
                                        to_email__startswith="bench")
    rows.filter(key__contains=":reminder").update(status="withdrawn")
    invites = rows.filter(key__contains=":invite:")
    assert invites.count() == n
    # Render the very messages for the baseline before the outbox sends them.
    payloads = [(email.to_email, base64.b64encode(
        build_message(email).message().as_bytes(linesep="\r\n")).decode())
        for email in invites]
    connection.close()

    procs = []
    try:
        # --- Tryggsam: the outbox tick on a real worker, one tick a second.
        worker = _worker(["-A", "config", "worker", "-Q", queue, "--pool", "solo",
                          "--without-gossip", "--without-mingle", "--loglevel", "INFO"], env,
                         "tryggsam")
        procs.append(worker)
        from celery import Celery

        client = Celery("tryggsam", broker=settings.CELERY_BROKER_URL)
        stop = threading.Event()

        def beat():
            while not stop.is_set():
                client.send_task("notifications.tasks.outbox_send_due", queue=queue)
                stop.wait(TICK)

        invites.update(due_at=timezone.now())
        connection.close()
        started = time.monotonic()
        ticker = threading.Thread(target=beat, daemon=True)
        ticker.start()
        try:
            ours = _wait(sink, n, started)
            ours_elapsed = max(ours)
            # Latency at a realistic burst: the reminders of a few meetings
            # all due at 08:00 (BURST rows due at the same instant).
            burst = invites.filter(pk__in=list(invites.values_list("pk", flat=True)[:BURST]))
            burst.update(status="pending", due_at=timezone.now())
            connection.close()
            started = time.monotonic()
            latencies = _wait(sink, n + BURST, started)
        finally:
            stop.set()
        worker.terminate()
        worker.wait(30)

        # --- bare Celery: one task per message, smtplib straight to the sink.
        bare_queue = queue + "-bare"
        bare = _worker(["-A", "bench.bare_celery", "worker", "-Q", bare_queue, "--pool",
                        "solo", "--without-gossip", "--without-mingle", "--loglevel", "INFO"], env,
                     "bare")
        procs.append(bare)
        from bench.bare_celery import send_raw

        sender = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].strip(">")
        started = time.monotonic()
        for to, payload in payloads:
            send_raw.apply_async((sender, to, payload, "127.0.0.1", sink.port),
                                 queue=bare_queue)
        theirs = _wait(sink, 2 * n + BURST, started)
        bare.terminate()
        bare.wait(30)
        bare_elapsed = max(theirs)
    finally:
        # A failed run must not leave worker processes behind.
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(30)
        sink.stop()
        WorkingGroup.objects.filter(pk=group.pk).delete()
        OutgoingEmail.objects.filter(to_email__startswith="bench",
                                     to_email__endswith="@example.org").delete()

    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    ratio = (n / ours_elapsed) / (n / bare_elapsed)
    print(f"messages: {n}")
    print(f"tryggsam outbox: {n / ours_elapsed:.1f}/s ({ours_elapsed:.2f} s)")
    print(f"bare celery:     {n / bare_elapsed:.1f}/s ({bare_elapsed:.2f} s)")
    print(f"ratio: {ratio:.0%} (target ≥ 50 %)")
    print(f"due → accepted p99 for {BURST} due at once: {p99:.2f} s "
          f"(target ≤ tick {TICK:.0f} s + 5 s)")
    return 0 if ratio >= 0.5 and p99 <= TICK + 5 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
