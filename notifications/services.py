"""Writing to the outbox. Callers are services that already hold a transaction;
the e-mail is committed or rolled back together with their change."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import OutgoingEmail


def email_enqueue(
    *,
    key: str,
    to: str,
    template: str,
    context: dict | None = None,
    due_at: datetime | None = None,
    calendar: str = "",
    attachments: Iterable[dict] = (),
) -> OutgoingEmail:
    """Queue one e-mail. The same key twice gives the first row back untouched,
    so retried requests and re-run services never send twice.

    `context` must be JSON and must not hold sensitive content: templates get
    a case number and a link, nothing more."""
    with transaction.atomic():
        email, _created = OutgoingEmail.objects.get_or_create(
            key=key,
            defaults={
                "to_email": to,
                "template": template,
                "context": context or {},
                "due_at": due_at or timezone.now(),
                "calendar": calendar,
                "attachments": list(attachments),
            },
        )
    return email


def email_withdraw(*, keys: Iterable[str] = (), key_prefix: str = "") -> int:
    """Withdraw e-mails not yet sent (by exact keys or a key prefix). Rows that
    are already sent stay as they are. Returns how many were withdrawn."""
    pending = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
    if key_prefix:
        pending = pending.filter(key__startswith=key_prefix)
    else:
        pending = pending.filter(key__in=list(keys))
    return pending.update(status=OutgoingEmail.Status.WITHDRAWN)


def email_retry(*, email_id: int) -> None:
    """Put a failed e-mail back in the queue (admin action)."""
    OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.PENDING, due_at=timezone.now(), attempts=0,
    )


def _purgeable(*, key_prefixes: Iterable[str] = (), template_prefix: str = "",
               finished_before: datetime | None = None):
    """Outbox rows for gallring: every row under one of the key prefixes
    (queued or sent: the object they are about is being disposed of), or rows
    of a template family that left the queue (sent, failed, withdrawn) before
    `finished_before`."""
    from django.db.models import Q

    match = Q(pk__in=[])
    for prefix in key_prefixes:
        match |= Q(key__startswith=prefix)
    if template_prefix and finished_before is not None:
        match |= (Q(template__startswith=template_prefix, created_at__lt=finished_before)
                  & ~Q(status=OutgoingEmail.Status.PENDING))
    return OutgoingEmail.objects.filter(match)


def email_purge_count(**criteria) -> int:
    """How many rows `email_purge` would delete (same keyword arguments)."""
    return _purgeable(**criteria).count()


def email_purge(**criteria) -> int:
    """Gallring of outbox rows (key_prefixes=, template_prefix=,
    finished_before=; see _purgeable). Deletes the rows, context and
    attachments included; returns how many. A pending row under a key prefix
    is deleted too: it would only point at an object that is gone."""
    with transaction.atomic():
        deleted, _ = _purgeable(**criteria).delete()
    return deleted
