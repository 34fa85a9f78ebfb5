from celery import shared_task

from . import services


@shared_task(acks_late=True)
def meeting_digest_enqueue() -> int:
    """Monday 07:00: queue the weekly digests (keyed per ISO week, so a
    repeated run queues nothing new). The outbox tick sends them."""
    return services.digest_enqueue()
