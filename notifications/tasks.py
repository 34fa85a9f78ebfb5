from celery import shared_task

from . import sending


@shared_task(acks_late=True)
def outbox_send_due() -> int:
    """The beat tick: send what is due. Safe to run many at once (see sending)."""
    return sending.outbox_send_due()
