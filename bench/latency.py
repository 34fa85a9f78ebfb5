"""Reminder latency at the production tick: how long after a reminder falls due
does it reach the SMTP server? Real Celery beat (at OUTBOX_TICK_SECONDS, the
production default 60 s) and a real worker on the default queue send outbox
rows that fall due, spread evenly over a window of two ticks, into the bench's
counting sink. The goal: the 99th percentile of due → SMTP ≤ tick + 5 s."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta

SLACK_SECONDS = 5.0


def _enqueue_spread(count: int, window: float) -> dict[str, float]:
    """Outbox rows due at even steps over the window; recipient → due time."""
    from django.utils import timezone

    from notifications.models import OutgoingEmail

    run, now = uuid.uuid4().hex[:8], timezone.now()
    due = {f"lat{n}-{run}@example.org": now + timedelta(seconds=window * n / count)
           for n in range(count)}
    OutgoingEmail.objects.bulk_create([
        OutgoingEmail(key=f"bench-latency:{run}:{n}", to_email=address,
                      template="test_notice", due_at=due_at,
                      context={"reference": f"R-2026-{n:05d}", "url": "/x/"})
        for n, (address, due_at) in enumerate(due.items())
    ])
    return {address: due_at.timestamp() for address, due_at in due.items()}


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (no interpolation: a reported p99 is a real
    observation)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def reminder_latency(sink, start, stop, count: int = 100) -> dict:
    from django.conf import settings

    from bench.mail import withdraw_pending

    tick = float(settings.OUTBOX_TICK_SECONDS)
    window = 2 * tick
    withdraw_pending()
    schedule = os.path.join(tempfile.gettempdir(), f"bench-beat-{os.getpid()}")
    worker = start([sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "celery",
                    "--concurrency", "1", "--without-gossip", "--without-mingle",
                    "--loglevel", "WARNING", "-n", f"latency-{uuid.uuid4().hex[:6]}@%h"],
                   "latency-worker")
    beat = start([sys.executable, "-m", "celery", "-A", "config", "beat", "-s", schedule,
                  "--loglevel", "WARNING"], "latency-beat")
    try:
        # Measure from the first tick on: one row due now must arrive first, so
        # that beat and worker start-up are not counted as latency.
        first = _enqueue_spread(1, 0.0)
        deadline = time.monotonic() + 3 * tick + 60
        while time.monotonic() < deadline and not set(first) <= set(sink.arrivals):
            time.sleep(0.5)
        if not set(first) <= set(sink.arrivals):
            raise RuntimeError("beat and worker sent nothing; see bench/results/latency-*.log.tmp")
        due = _enqueue_spread(count, window)
        deadline = time.monotonic() + window + 3 * tick + 30
        while time.monotonic() < deadline and not set(due) <= set(sink.arrivals):
            time.sleep(0.5)
    finally:
        stop(beat)
        stop(worker)
    latencies = [sink.arrivals[address] - at for address, at in due.items()
                 if address in sink.arrivals]
    missing = count - len(latencies)
    p99 = percentile(latencies, 0.99) if latencies else float("inf")
    return {"scenario": "reminder latency (due → SMTP)", "tick": tick, "mails": count,
            "missing": missing, "p50": round(statistics.median(latencies), 2) if latencies
            else None, "p99": round(p99, 2), "max": round(max(latencies), 2) if latencies
            else None, "goal": tick + SLACK_SECONDS,
            "met": missing == 0 and p99 <= tick + SLACK_SECONDS}
