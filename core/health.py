"""The parts /health/ checks. Each returns None when fine, else a short reason
(no personal data: these texts are public)."""

from datetime import timedelta
from functools import lru_cache

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

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


CHECKS = {"database": check_database, "broker": check_broker, "worker": check_worker}


def health_report() -> tuple[bool, dict]:
    parts = {}
    for name, check in CHECKS.items():
        problem = check()
        parts[name] = {"ok": problem is None, **({"error": problem} if problem else {})}
    healthy = all(part["ok"] for part in parts.values())
    return healthy, parts
