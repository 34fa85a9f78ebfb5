from celery import shared_task

from . import measures


@shared_task(acks_late=True)
def measure_reminders_enqueue() -> int:
    """Daily: plan due/overdue reminders to measure owners (see casework.measures)."""
    return measures.measure_reminders_enqueue()
