"""The bare-Celery reference for e-mail, as the reminder goal defines it: one
task per message that opens SMTP with smtplib and sends a message rendered
beforehand. No Django e-mail stack, no outbox, no claim, no bookkeeping.
Loaded only by the bench worker (`celery worker --include bench.tasks`)."""

import base64
import smtplib

from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True)
def bare_send(sender: str, to: str, message_b64: str) -> None:
    with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=15) as smtp:
        smtp.sendmail(sender, [to], base64.b64decode(message_b64))
