"""The outbox sender. Each row is claimed with SELECT … FOR UPDATE SKIP LOCKED
and sent inside that row's own transaction:
- two ticks racing never take the same row (the second skips it);
- the row is marked sent in the transaction that holds its lock, so a row is
  sent at most once per commit;
- a worker killed mid-send rolls back, its lock goes with its connection, and
  the row is still pending for the next tick.
One SMTP connection is reused across the rows of a tick."""

import logging
import smtplib
import socket
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .emails import build_message
from .models import OutgoingEmail

logger = logging.getLogger(__name__)

SMTP_ERRORS = (smtplib.SMTPException, OSError, socket.timeout)


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min … capped at one hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def _claim_next():
    return (
        OutgoingEmail.objects.select_for_update(skip_locked=True)
        .filter(status=OutgoingEmail.Status.PENDING, due_at__lte=timezone.now())
        .order_by("due_at", "id")
        .first()
    )


def _record_failure(email: OutgoingEmail, error: Exception) -> None:
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
    else:
        email.due_at = timezone.now() + backoff(email.attempts)
    email.save(update_fields=["attempts", "last_error", "status", "due_at"])
    # The id and template only: the address is personal data.
    logger.warning("outbox: e-mail %s (%s) failed, attempt %s",
                   email.pk, email.template, email.attempts)


def outbox_send_due(*, limit: int = 500) -> int:
    """Send up to `limit` due e-mails; returns how many were sent."""
    sent = 0
    connection = None
    try:
        for _ in range(limit):
            with transaction.atomic():
                email = _claim_next()
                if email is None:
                    break
                try:
                    if connection is None:
                        connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
                        connection.open()
                    build_message(email, connection=connection).send()
                except SMTP_ERRORS as error:
                    _record_failure(email, error)
                    _close_quietly(connection)
                    connection = None
                    continue
                email.status = OutgoingEmail.Status.SENT
                email.sent_at = timezone.now()
                email.attempts += 1
                email.last_error = ""
                email.save(update_fields=["status", "sent_at", "attempts", "last_error"])
                sent += 1
    finally:
        _close_quietly(connection)
    return sent


def _close_quietly(connection) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except SMTP_ERRORS:
        pass
