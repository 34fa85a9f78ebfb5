import rules
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Organisation(models.Model):
    """A partner organisation or a unit of the municipality. Units hang under
    their organisation (e.g. IFO under Socialtjänsten)."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE = "police", _("Police")
        HOUSING = "housing", _("Housing company")
        SOCIAL_SERVICES = "social_services", _("Social services")
        SCHOOL = "school", _("School")
        LEISURE = "leisure", _("Leisure")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="units",
    )
    # Where the monthly feedback on the organisation's reports goes
    # (casework/feedback.py); empty: none is sent.
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True,
        help_text=_("Gets a monthly summary of what became of the organisation's reports "
                    "(counts and a link, never report text)."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="members",
    )
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=120, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def has_perm(self, perm, obj=None):
        """Tryggsam's own permissions are `rules` predicates about roles and
        ownership, and they bind superusers too: a system administrator gets
        no way around need-to-know. Plain Django model permissions (reference
        data in the admin) keep the superuser shortcut."""
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)


class RoleGrantRequest(models.Model):
    """A grant of a role that sees concerns, held until a second person
    approves it (ROLE_GRANT_NEEDS_APPROVAL, and always for a self-grant).
    Every step is also in the access log; this row is the work queue."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="role_grant_requests")
    group = models.ForeignKey("auth.Group", verbose_name=_("role"), on_delete=models.CASCADE)
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL,
        related_name="+")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices,
                                default=Decision.PENDING)
    decided_by = models.ForeignKey(
        User, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("role grant waiting for approval")
        verbose_name_plural = _("role grants waiting for approval")
        constraints = [models.UniqueConstraint(
            fields=["user", "group"], condition=models.Q(decision="pending"),
            name="one_pending_grant_per_user_and_role")]

    def __str__(self):
        return f"{self.user} – {self.group}"
