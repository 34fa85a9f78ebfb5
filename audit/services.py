"""Writing the access log. Callers log before they show anything: if the row
cannot be written the read fails (fail closed), see `AuditUnavailable`."""

import logging

from django.db import DatabaseError, transaction

from core.addresses import client_ip

from .models import AccessLogEntry

logger = logging.getLogger(__name__)


class AuditUnavailable(Exception):
    """The access log could not be written; the caller must not show content."""


def _path(request, path: str | None) -> str:
    if path is not None:
        return path[:300]
    return request.path[:300] if request is not None else ""


def access_log_write(
    *,
    user,
    action: str,
    basis: str,
    object_type: str,
    object_id: int | None = None,
    object_reference: str = "",
    request=None,
    path: str | None = None,
    detail: str = "",
) -> AccessLogEntry:
    """Append one row. Runs in a savepoint so that a failure leaves the
    caller's transaction usable, and raises AuditUnavailable instead."""
    authenticated = bool(user is not None and getattr(user, "is_authenticated", False))
    try:
        with transaction.atomic():
            return AccessLogEntry.objects.create(
                user_id=user.pk if authenticated else None,
                username=user.get_username() if authenticated else "",
                action=action,
                basis=basis,
                object_type=object_type,
                object_id=object_id,
                object_reference=object_reference,
                ip_address=client_ip(request),
                path=_path(request, path),
                detail=detail[:300],
            )
    except DatabaseError as error:
        # No personal data here: the action and object id only.
        logger.error("audit: log row for %s %s %s not written (%s)",
                     action, object_type, object_id, type(error).__name__)
        raise AuditUnavailable from error


def access_log_write_many(*, user, action: str, basis: str, objects, request=None,
                          path: str | None = None) -> int:
    """Append one row per object, `objects` being (object_type, object_id,
    object_reference) tuples, in one INSERT: an export of many rows logs
    each of them without a query per row. All rows or none (one savepoint);
    raises AuditUnavailable like access_log_write."""
    authenticated = bool(user is not None and getattr(user, "is_authenticated", False))
    common = {"user_id": user.pk if authenticated else None,
              "username": user.get_username() if authenticated else "",
              "action": action, "basis": basis, "ip_address": client_ip(request),
              "path": _path(request, path)}
    rows = [AccessLogEntry(object_type=object_type, object_id=object_id,
                           object_reference=reference, **common)
            for object_type, object_id, reference in objects]
    try:
        with transaction.atomic():
            AccessLogEntry.objects.bulk_create(rows, batch_size=1000)
    except DatabaseError as error:
        logger.error("audit: %s log rows for %s not written (%s)", len(rows), action,
                     type(error).__name__)
        raise AuditUnavailable from error
    return len(rows)
