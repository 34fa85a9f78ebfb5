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
