"""The outbox sender. Each row is claimed with SELECT … FOR UPDATE SKIP LOCKED
and sent inside that row's own transaction:
- two ticks racing never take the same row (the second skips it);
- the row is marked sent in the transaction that holds its lock, so a row is
  sent at most once per commit;
- a worker killed mid-send rolls back, its lock goes with its connection, and
  the row is still pending for the next tick. If the relay had already
  accepted the DATA, the next tick sends it again: delivery is at least once,
  and the repeat carries the same Message-ID so mail clients can tell;
- one row that cannot be built or sent (a missing template, a bad context, a
  refused recipient) is handled on its own: its work runs in a savepoint, the
  failure is counted on the row and the tick goes on with the next one. After
  OUTBOX_MAX_ATTEMPTS the row is marked failed (visible on /health/).
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
    """Count the attempt and move the row out of the way: later (backoff) or
    failed for good. The caller holds the row's lock."""
    email.attempts += 1
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        email.status = OutgoingEmail.Status.FAILED
    else:
        email.due_at = timezone.now() + backoff(email.attempts)
    email.save(update_fields=["attempts", "last_error", "status", "due_at"])
    # The id, template and error class only: the address and the error text
    # (e.g. SMTPRecipientsRefused names the recipient) are personal data.
    log = logger.warning if isinstance(error, SMTP_ERRORS) else logger.error
    log("outbox: e-mail %s (%s) failed with %s, attempt %s of %s%s",
        email.pk, email.template, type(error).__name__, email.attempts,
        settings.OUTBOX_MAX_ATTEMPTS,
        ", marked failed" if email.status == OutgoingEmail.Status.FAILED else "")


def outbox_send_due(*, limit: int = 500) -> int:
    """Send up to `limit` due e-mails; returns how many were sent.

    Each row is claimed and finished in its own transaction, and its sending
    runs in a savepoint inside it: whatever goes wrong with one row (an SMTP
    error or any other exception) is recorded on that row, which then waits
    for its backoff, and the loop goes on with the next row."""
    sent = 0
    connection = None
    try:
        for _ in range(limit):
            with transaction.atomic():
                email = _claim_next()
                if email is None:
                    break
                try:
                    with transaction.atomic():
                        connection = connection or _open_connection()
                        build_message(email, connection=connection).send()
                        _mark_sent(email)
                except Exception as error:  # any error: one row must not stop the others
                    _record_failure(email, error)
                    # After a failure the SMTP session may be mid-command: start afresh.
                    _close_quietly(connection)
                    connection = None
                    continue
                sent += 1
    finally:
        _close_quietly(connection)
    return sent


def _open_connection():
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    connection.open()
    return connection


def _mark_sent(email: OutgoingEmail) -> None:
    email.status = OutgoingEmail.Status.SENT
    email.sent_at = timezone.now()
    email.attempts += 1
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "attempts", "last_error"])


def _close_quietly(connection) -> None:
    if connection is None:
        return
    try:
        connection.close()
    except SMTP_ERRORS:
        pass
