"""The referral page's read: the referral, its concern and its receiver's name
in one statement that also appends the access-log row.

On PostgreSQL the read and its log row are one statement (a data-modifying
CTE): they succeed or fail together without a transaction of their own, so
the page is one round trip to the database and still fails closed (no row,
no page). The access rule is the one of `access.referral_basis`: the
coordinator and the deputy by role, else an addressed receiver, judged in
the WHERE clause; a test holds the two to the same answers. Elsewhere
(SQLite under `make run`) the same page is read through the ORM and logged
with `access_log_write`.

The facts list is rendered once per distinct set of shown values and kept in
process memory (`facts_html`): the key is the values themselves, so a change
to the referral or its concern is a new key, never a stale page. Nothing of
it goes to the shared cache."""

import logging
from contextlib import nullcontext
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache

from django.db import DatabaseError, connection, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import get_language, override

from audit.models import AccessLogEntry
from audit.services import AuditUnavailable, access_log_write
from core.addresses import client_ip

from .access import (
    concern_basis,
    deny,
    is_receiver,
    reads_unit_referrals,
    referral_basis,
    referral_get_for_user,
)
from .choices import AgeGroup, FeedbackStatus, ReferralKind, ReferralStatus

Basis = AccessLogEntry.Basis
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReferralPage:
    """What the referral page shows, as plain values (hashable: the key of
    the rendered facts)."""

    pk: int
    concern_id: int
    concern_reference: str
    kind: str
    receiver_user_id: int | None
    receiver_unit_id: int | None
    receiver_label: str
    message: str
    status: str
    sent_at: datetime
    due_on: date
    answered_at: datetime | None
    decline_reason: str
    feedback_status: str
    child_report_made: bool
    child_report_made_on: date | None
    subject_name: str
    subject_personnummer: str
    age_group: str
    child_concerned: bool

    @property
    def reference(self) -> str:
        return f"{self.concern_reference}/{self.pk}"

    @property
    def awaiting(self) -> bool:
        return self.status == ReferralStatus.SENT

    @property
    def accepted(self) -> bool:
        return self.status == ReferralStatus.ACCEPTED

    def is_receiver(self, user) -> bool:
        """`access.is_receiver`, the one rule, applied to the values read."""
        return is_receiver(user, self)


_COLUMNS = ", ".join(f.name for f in fields(ReferralPage))

_SELECT = """
    SELECT r.id AS pk, r.concern_id, c.reference AS concern_reference, r.kind,
           r.receiver_user_id, r.receiver_unit_id,
           COALESCE(NULLIF(TRIM(u.first_name || ' ' || u.last_name), ''), u.username, o.name, '')
               AS receiver_label,
           r.message, r.status, r.sent_at, r.due_on, r.answered_at, r.decline_reason,
           r.feedback_status, r.child_report_made, r.child_report_made_on,
           c.subject_name, c.subject_personnummer, c.age_group, c.child_concerned
    FROM concerns_referral r
    JOIN concerns_concern c ON c.id = r.concern_id
    LEFT JOIN accounts_user u ON u.id = r.receiver_user_id
    LEFT JOIN accounts_organisation o ON o.id = r.receiver_unit_id
    WHERE r.id = %(pk)s AND (%(by_role)s
       OR r.receiver_user_id = %(user_id)s
       OR (r.receiver_user_id IS NULL AND %(reads_unit)s AND r.receiver_unit_id = %(unit_id)s))"""

# The read and its log row in one statement: PostgreSQL runs a data-modifying
# WITH exactly once, whether or not the outer query reads it. Formatted from
# constants only; every value is a bound parameter.
_READ_AND_LOG = f"""
    WITH shown AS ({_SELECT}),
    logged AS (
        INSERT INTO audit_accesslogentry (at, user_id, username, action, basis, object_type,
                                          object_id, object_reference, ip_address, path,
                                          detail)
        SELECT now(), %(user_id)s, %(username)s, 'read',
               CASE WHEN %(by_role)s THEN %(role_basis)s ELSE 'receiver' END,
               'referral', shown.pk, shown.concern_reference || '/' || shown.pk,
               %(ip)s, %(path)s, ''
        FROM shown
        RETURNING id)
    SELECT {_COLUMNS}, (SELECT count(*) FROM logged) FROM shown"""  # noqa: S608  # nosec B608


def referral_page_for(*, user, pk, request) -> ReferralPage:
    """The referral as its page shows it, with the `read` row written; 404
    with a `denied` row for anyone without a basis, as `referral_get_for_user`."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        deny(user, request, "referral", pk)
    if connection.vendor != "postgresql":
        return _read_then_log(user=user, pk=pk, request=request)
    role_basis = concern_basis(user)
    params = {"pk": pk, "by_role": role_basis != Basis.NONE, "role_basis": role_basis,
              "user_id": user.pk, "reads_unit": reads_unit_referrals(user),
              "unit_id": user.organisation_id, "username": user.get_username(),
              "ip": client_ip(request), "path": request.path[:300]}
    try:
        # One statement is its own transaction; inside a caller's transaction
        # a savepoint keeps that usable when the write fails (as in
        # access_log_write).
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            with connection.cursor() as cursor:
                cursor.execute(_READ_AND_LOG, params)
                row = cursor.fetchone()
    except DatabaseError as error:
        logger.error("audit: read row for referral %s not written (%s)", pk,
                     type(error).__name__)
        raise AuditUnavailable from error
    if row is None:
        deny(user, request, "referral", pk)
    return ReferralPage(*row[:-1])


def _read_then_log(*, user, pk, request) -> ReferralPage:
    referral = referral_get_for_user(user=user, pk=pk, request=request, action=None)
    concern, receiver = referral.concern, referral.receiver_user or referral.receiver_unit
    page = ReferralPage(
        pk=referral.pk, concern_id=concern.pk, concern_reference=concern.reference,
        kind=referral.kind, receiver_user_id=referral.receiver_user_id,
        receiver_unit_id=referral.receiver_unit_id,
        receiver_label=str(receiver) if receiver else "", message=referral.message,
        status=referral.status, sent_at=referral.sent_at, due_on=referral.due_on,
        answered_at=referral.answered_at, decline_reason=referral.decline_reason,
        feedback_status=referral.feedback_status,
        child_report_made=referral.child_report_made,
        child_report_made_on=referral.child_report_made_on,
        subject_name=concern.subject_name, subject_personnummer=concern.subject_personnummer,
        age_group=concern.age_group, child_concerned=concern.child_concerned)
    access_log_write(user=user, action=AccessLogEntry.Action.READ,
                     basis=referral_basis(user, referral), object_type="referral",
                     object_id=page.pk, object_reference=page.reference, request=request)
    return page


def facts_html(page: ReferralPage) -> str:
    """The facts list of the page, rendered once per values and language."""
    return _facts_html(page, get_language())


@lru_cache(maxsize=256)
def _facts_html(page: ReferralPage, language: str) -> str:
    with override(language):
        return render_to_string("concerns/_referral_facts.html", {
            "referral": page,
            "kind_label": ReferralKind(page.kind).label,
            "status_label": ReferralStatus(page.status).label,
            "feedback_label": FeedbackStatus(page.feedback_status).label
            if page.feedback_status else "",
            "age_group_label": AgeGroup(page.age_group).label if page.age_group else "",
        })
