import socket

from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task
def worker_heartbeat() -> None:
    """Prove that beat schedules and a worker executes (read by /health/)."""
    WorkerHeartbeat.objects.update_or_create(
        hostname=socket.gethostname(), defaults={"seen_at": timezone.now()},
    )


@worker_ready.connect
def heartbeat_on_start(sender=None, **kwargs) -> None:
    """A fresh worker is healthy at once, not only after the first beat."""
    worker_heartbeat.delay()


@shared_task(name="core.tasks.gallra")
def gallra() -> int:
    """The nightly gallring: every kind registered in core.retention. Logs
    counts only, never what was disposed of."""
    import logging

    from . import retention

    results = retention.gallra_all(today=timezone.localdate())
    for kind, count in results:
        logging.getLogger(__name__).info("gallra: %s %s disposed of", kind.key, count)
    return sum(count for _, count in results)
