from celery import shared_task

from . import services


@shared_task(acks_late=True)
def measure_reminders_enqueue() -> int:
    """Daily: queue due/overdue reminders to measure owners (see the service)."""
    return services.measure_reminders_enqueue()
