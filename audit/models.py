"""The append-only access log. One row per read, change or referral handshake
on protected objects (violent-extremism concerns). The table refuses UPDATE and
DELETE in PostgreSQL itself (trigger in migration 0002), and holds no foreign
keys to what it logs: rows outlive the concern and the user they name."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# What a row's object_type names, as the log reviewer reads it. A type not
# listed here is shown as stored (a new type should be added here).
OBJECT_TYPES = {
    "concern": _("concern"),
    "concern-list": _("list of concerns"),
    "referral": _("referral"),
    "referral-list": _("list of referrals"),
    "access-log": _("access log"),
    "meeting": _("meeting"),
    "decision": _("meeting decision"),
    "measure": _("measure"),
    "user": _("user"),
    "action-plan": _("action plan against violent extremism"),
    "action-plan-list": _("list of action plans"),
}


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        LIST = "list", _("listed")
        READ = "read", _("read")
        EXPORT = "export", _("exported")
        API_READ = "api_read", _("read via API")
        CREATE = "create", pgettext_lazy("access log", "created")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        PURGE = "purge", _("personal data disposed of")
        REFERRAL_SENT = "referral_sent", _("referral sent")
        REFERRAL_ACCEPTED = "referral_accepted", _("referral accepted")
        REFERRAL_DECLINED = "referral_declined", _("referral declined")
        REFERRAL_FEEDBACK = "referral_feedback", _("referral status reported")
        DENIED = "denied", _("access denied")
        ROLE_GRANTED = "role_granted", _("role granted")
        ROLE_REMOVED = "role_removed", _("role removed")
        ROLE_GRANT_HELD = "role_grant_held", _("role grant held for approval")
        ROLE_GRANT_APPROVED = "role_grant_approved", _("role grant approved")
        ROLE_GRANT_REFUSED = "role_grant_refused", _("role grant refused")

    class Basis(models.TextChoices):
        """Why the user could see the object (or not), judged when logged."""

        COORDINATOR = "coordinator", _("coordinator")
        DEPUTY = "deputy", _("deputy")
        RECEIVER = "receiver", _("addressed receiver")
        # A member of the sensitive working group the object belongs to or came from.
        GROUP_MEMBER = "group_member", _("member of the working group")
        LOG_REVIEWER = "log_reviewer", _("log reviewer")
        SYSTEM = "system", _("system")
        STAFF_FORM = "staff_form", _("staff form (create only)")
        NONE = "none", _("no basis")
        ADMINISTRATION = "administration", _("administration of roles")
        MANAGEMENT = "management", _("management")

    # Indexed: the list's order and its date filter. The log's indexes are
    # those its queries use and no more, since every read of sensitive data
    # writes a row and each index is one more insertion into it (ADR 0047):
    # `at`, (object_type, object_id) and the primary key. The user and
    # reference filters compare case-insensitively (UPPER), which a plain
    # index on the column cannot serve; they read the list in `at` order.
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # Plain values, no foreign key: deleting a user must not touch the log.
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    username = models.CharField(_("user"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    basis = models.CharField(_("basis"), max_length=16, choices=Basis.choices)
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.BigIntegerField(_("object id"), null=True, blank=True)
    object_reference = models.CharField(_("reference"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=300, blank=True)
    # What the row alone cannot say, e.g. whose role changed and through which
    # channel (admin, identity provider, command). Never free text from users.
    # db_default: rows written by SQL (the database-role test, a DBA) need none
    detail = models.CharField(_("detail"), max_length=300, blank=True, default="",
                              db_default="")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]
        default_permissions = ()

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_reference}"

    @property
    def object_type_label(self) -> str:
        return str(OBJECT_TYPES.get(self.object_type, self.object_type))

    @property
    def object_label(self) -> str:
        """"oro-ärende O-2026-00012", "remiss 7", "lista över oro-ärenden":
        never "None" for a row about a list."""
        target = self.object_reference or ("" if self.object_id is None else str(self.object_id))
        return f"{self.object_type_label} {target}".strip()
