"""The bare-Celery reference for e-mail: one task per message, each opening
its own SMTP connection and sending, with no outbox, no claim, no bookkeeping.
Loaded only by the bench worker (`celery worker --include bench.tasks`)."""

from celery import shared_task
from django.core.mail import EmailMessage, get_connection


@shared_task(acks_late=True)
def bare_send(to: str, subject: str, body: str) -> None:
    with get_connection() as connection:
        EmailMessage(subject, body, to=[to], connection=connection).send()
