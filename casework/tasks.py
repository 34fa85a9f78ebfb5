from celery import shared_task

from . import feedback, measures, pictures


@shared_task(acks_late=True)
def measure_reminders_enqueue() -> int:
    """Daily: plan due/overdue reminders to measure owners (see casework.measures)."""
    return measures.measure_reminders_enqueue()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def picture_document_store(picture_id: int) -> bool:
    """After publishing commits: render and store the lägesbild PDF once and
    queue management's e-mails (see the service). Idempotent, so a retry or
    a redelivered message does nothing twice."""
    return pictures.picture_document_store(picture_id=picture_id)


@shared_task(acks_late=True)
def picture_documents_sweep() -> int:
    """Every 15 minutes: store the documents of published pictures whose
    after-commit task was lost (see the service)."""
    return pictures.picture_documents_sweep()


@shared_task(acks_late=True)
def organisation_feedback_enqueue() -> int:
    """Monthly (days 1–7 at 08:00; the service waits for the first working
    day): last month's feedback to each reporting organisation (see
    casework.feedback). Idempotent, so a redelivered message sends nothing twice."""
    return feedback.organisation_feedback_enqueue()
