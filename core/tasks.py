import socket

from celery import shared_task
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task
def worker_heartbeat() -> None:
    """Prove that beat schedules and a worker executes (read by /health/)."""
    WorkerHeartbeat.objects.update_or_create(
        hostname=socket.gethostname(), defaults={"seen_at": timezone.now()},
    )
