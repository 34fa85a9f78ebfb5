"""The parts /health/ checks. Each returns None when fine, else a short reason
(no personal data: these texts are public)."""

from datetime import timedelta
from functools import lru_cache

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from notifications.models import OutgoingEmail

from .models import WorkerHeartbeat


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any driver error means "down"
        return type(exc).__name__
    return None


def check_broker() -> str | None:
    try:
        _broker(settings.REDIS_URL).ping()
    except Exception as exc:  # connection refused, timeout, auth…
        return type(exc).__name__
    return None


@lru_cache(maxsize=4)
def _broker(url: str) -> redis.Redis:
    """One client (and connection pool) per process: a probe every few
    seconds need not open a new TCP connection each time. A connection that
    went stale while Redis was away is retried on a fresh one (redis-py's
    default retry), so the check reports what Redis does now."""
    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)


def check_worker() -> str | None:
    try:
        last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True)[:1]
        seen = last[0] if last else None
    except Exception as exc:
        return type(exc).__name__
    if seen is None:
        return "no heartbeat yet"
    age = timezone.now() - seen
    if age > timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE):
        return f"last heartbeat {int(age.total_seconds())} s ago"
    return None


def outbox_metrics() -> dict:
    """Counts only, no addresses: how many e-mails gave up (failed) and how
    long the oldest pending e-mail has been due, in whole seconds (0 when
    nothing is due). A row waiting for its backoff is not due yet. Both
    queries use a partial index, so a probe stays cheap however many sent
    rows the table keeps."""
    now = timezone.now()
    oldest = (
        OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, due_at__lte=now)
        .order_by("due_at").values_list("due_at", flat=True).first()
    )
    failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count()
    return {
        "failed": failed,
        "oldest_due_age_seconds": int((now - oldest).total_seconds()) if oldest else 0,
    }


def check_outbox() -> tuple[str | None, dict]:
    """Due mail older than OUTBOX_MAX_DUE_AGE means the ticks do not get
    through (no worker, a stuck row): referral notices would go out late or
    never. Failed rows are shown but do not fail the check: they need a
    person (admin "retry") and would otherwise keep the service red."""
    try:
        metrics = outbox_metrics()
    except Exception as exc:
        return type(exc).__name__, {}
    age = metrics["oldest_due_age_seconds"]
    if age > settings.OUTBOX_MAX_DUE_AGE:
        return f"due mail waiting {age} s", metrics
    return None, metrics


CHECKS = {
    "database": check_database,
    "broker": check_broker,
    "worker": check_worker,
    "outbox": check_outbox,
}


def health_report() -> tuple[bool, dict]:
    """Each check returns a problem (or None), optionally with numbers to show."""
    parts = {}
    for name, check in CHECKS.items():
        result = check()
        problem, details = result if isinstance(result, tuple) else (result, {})
        parts[name] = {"ok": problem is None, **({"error": problem} if problem else {}),
                       **details}
    healthy = all(part["ok"] for part in parts.values())
    return healthy, parts
