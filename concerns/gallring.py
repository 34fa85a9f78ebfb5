"""Gallring of concerns and of the e-mails about them: personal data is
cleared when the retention time has run out; the anonymous rest stays."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.retention import delete_files_after_commit
from notifications.services import (
    email_purge,
    email_purge_count,
)

from .access import Basis
from .choices import (
    ConcernStatus,
)
from .models import Concern, ConcernAttachment
from .steps import (
    PERSONAL_FIELDS,
    REFERRAL_PERSONAL_FIELDS,
    SENSITIVE_EMAIL_TEMPLATE_PREFIX,
    Action,
    log_access,
)


def _due_for_gallring(today: date):
    return (Concern.objects.filter(status=ConcernStatus.CLOSED, retention_date__lte=today,
                                   purged_at__isnull=True).order_by("pk"))


def concern_gallra_count(today: date) -> int:
    return _due_for_gallring(today).count()


def concern_gallra_references(today: date) -> list[str]:
    return list(_due_for_gallring(today).values_list("reference", flat=True))


def concern_gallra(*, today: date | None = None, dry_run: bool = False) -> list[str]:
    """Dispose of personal data of closed concerns past their retention date:
    the personal fields, the referral texts, the attachments (rows and files)
    and every outbox row about its referrals. Keeps the anonymous fields for
    statistics. Returns the references."""
    today = today or timezone.localdate()
    references = concern_gallra_references(today)
    if dry_run:
        return references
    for concern_id in list(_due_for_gallring(today).values_list("pk", flat=True)):
        with transaction.atomic():
            concern = (Concern.objects.select_for_update(skip_locked=True)
                       .filter(pk=concern_id, purged_at__isnull=True).first())
            if concern is None:
                continue
            for field in PERSONAL_FIELDS:
                setattr(concern, field, "")
            concern.purged_at = timezone.now()
            concern.save()
            concern.referrals.update(**{f: "" for f in REFERRAL_PERSONAL_FIELDS})
            _dispose_attachments(concern)
            email_purge(key_prefixes=[f"concern-referral-{pk}-" for pk in
                                      concern.referrals.values_list("pk", flat=True)])
            log_access(None, Action.PURGE, Basis.SYSTEM, concern)
    return references


def _dispose_attachments(concern: Concern) -> None:
    attachments = list(concern.attachments.all())
    delete_files_after_commit(attachment.file for attachment in attachments)
    ConcernAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()


def _sensitive_email_cutoff(today: date):
    day = today - timedelta(days=settings.SENSITIVE_EMAIL_RETENTION_DAYS)
    return timezone.make_aware(datetime.combine(day, time.min))


def sensitive_email_gallra_count(today: date) -> int:
    return email_purge_count(template_prefix=SENSITIVE_EMAIL_TEMPLATE_PREFIX,
                             finished_before=_sensitive_email_cutoff(today))


def sensitive_email_gallra(today: date) -> int:
    """Outbox rows about concerns and referrals that left the queue (sent,
    failed, withdrawn) more than SENSITIVE_EMAIL_RETENTION_DAYS ago."""
    return email_purge(template_prefix=SENSITIVE_EMAIL_TEMPLATE_PREFIX,
                       finished_before=_sensitive_email_cutoff(today))
