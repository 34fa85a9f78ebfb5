"""Bare Celery for the reminder benchmark: one task per e-mail, sending a
ready-made message with smtplib. No database, no Django: the baseline."""

import base64
import os
import smtplib

from celery import Celery

app = Celery("bare", broker=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
app.conf.update(task_serializer="json", accept_content=["json"], task_ignore_result=True,
                worker_prefetch_multiplier=1, task_acks_late=True,
                broker_connection_retry_on_startup=True)


@app.task
def send_raw(sender: str, to: str, message_b64: str, host: str, port: int) -> None:
    with smtplib.SMTP(host, port, timeout=15) as smtp:
        smtp.sendmail(sender, [to], base64.b64decode(message_b64))
