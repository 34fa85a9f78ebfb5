from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One e-mail in the outbox. Written in the same transaction as the change
    that causes it; sent later by the Celery tick. `key` makes it idempotent:
    a second enqueue with the same key is the same e-mail."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    to_email = models.EmailField(_("recipient"))
    template = models.CharField(_("template"), max_length=100)
    context = models.JSONField(_("context"), default=dict, blank=True)
    # An iCalendar text (METHOD:REQUEST or CANCEL) sent as a calendar part.
    calendar = models.TextField(_("calendar invitation"), blank=True)
    # [{"filename", "mimetype", "stored_name"}]: a file in the default storage,
    # read when sending (one stored document shared by many rows), or
    # [{"filename", "mimetype", "content_b64"}] for a small inline file.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING,
    )
    due_at = models.DateTimeField(_("due"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [
            # The tick's claim query: pending rows by due time.
            models.Index(
                fields=["due_at", "id"], name="outbox_pending_due",
                condition=models.Q(status="pending"),
            ),
            # /health/ counts failed rows on every probe; they are few.
            models.Index(
                fields=["id"], name="outbox_failed",
                condition=models.Q(status="failed"),
            ),
        ]

    def __str__(self):
        return f"{self.template} → {self.to_email} ({self.get_status_display()})"

