"""Violent-extremism concerns (oro-ärenden). The most sensitive records of the
municipality: every read goes through `concerns.access` and is logged in the
`audit` app. Nothing here is registered in the admin (the support numbers at
the end are reference data, kept on the coordinator's page)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from viewflow.workflow.models import Process

from .choices import (
    AgeGroup,
    ConcernStatus,
    Environment,
    FeedbackStatus,
    Outcome,
    PoliceChannel,
    ReferralKind,
    ReferralStatus,
    Source,
    Urgency,
)

# A telephone number as people write it (SupportContact.phone).
PHONE_RE = re.compile(r"^\+?[\d\s()\-]+$")


class Concern(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=ConcernStatus.choices,
                              default=ConcernStatus.NEW, db_index=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    est_report_id = models.BigIntegerField(_("EST report"), null=True, blank=True)
    # The origin of a concern handed over from EST triage, shown on the concern
    # only (the report itself keeps no content and names no concern).
    est_report_reference = models.CharField(_("EST report reference"), max_length=20,
                                            blank=True)
    # Who raised it.
    raised_by_role = models.CharField(_("raised by (role)"), max_length=120, blank=True)
    raised_by_organisation = models.CharField(_("raised by (organisation)"), max_length=200,
                                              blank=True)
    raised_by_contact = models.CharField(_("contact details of the person raising it"),
                                         max_length=200, blank=True)
    # The person concerned, identity minimised: both name and personnummer optional.
    subject_name = models.CharField(_("name of the person concerned"), max_length=200,
                                    blank=True)
    subject_personnummer = models.CharField(_("personal identity number"), max_length=13,
                                            blank=True)
    age_group = models.CharField(_("age group"), max_length=16, choices=AgeGroup.choices,
                                 default=AgeGroup.UNKNOWN)
    child_concerned = models.BooleanField(_("a child (under 18) is concerned"), default=False)
    environment = models.CharField(_("environment"), max_length=16,
                                   choices=Environment.choices, default=Environment.UNCLEAR)
    indicators = models.TextField(_("indicators observed"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    occurred_on = models.DateField(_("date of the incident"), null=True, blank=True)
    crime_suspected = models.BooleanField(_("a crime is suspected"), default=False)
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    # Triage.
    risk_assessment = models.TextField(_("risk assessment"), blank=True)
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    # Routes without a referral.
    police_handed_on = models.DateField(_("handed to the police on"), null=True, blank=True)
    police_channel = models.CharField(_("channel"), max_length=16,
                                      choices=PoliceChannel.choices, blank=True)
    police_reference = models.CharField(_("police reference"), max_length=60, blank=True)
    no_action_reason = models.TextField(_("reason for no action"), blank=True)
    route_no_action = models.BooleanField(_("no action / consultation only"), default=False)
    # Closing.
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices,
                               blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    retention_date = models.DateField(_("dispose of personal data on"), null=True, blank=True)
    purged_at = models.DateTimeField(_("personal data disposed of"), null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        default_permissions = ()

    def __str__(self):
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == ConcernStatus.CLOSED

    @property
    def handed_to_police(self) -> bool:
        return self.police_handed_on is not None

    @property
    def masked_personnummer(self) -> str:
        """Year and month only, e.g. '200803**-****', for lists."""
        from .personnummer import mask

        return mask(self.subject_personnummer)


class ConcernAttachment(models.Model):
    """A file belonging to a concern: today the attachments of an EST report
    handed over to the concern track (the stored file is kept where it is, the
    row moves). Seen by the concern's handlers only; disposed of with the
    concern's personal data."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="concerns/")
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        default_permissions = ()

    def __str__(self):
        return self.filename


class Referral(models.Model):
    """A remiss to social services: support or exit support. Seen by the
    coordinator and by the addressed receivers, and by nobody else."""

    concern = models.ForeignKey(Concern, verbose_name=_("concern"), on_delete=models.CASCADE,
                                related_name="referrals")
    kind = models.CharField(_("kind"), max_length=16, choices=ReferralKind.choices)
    receiver_unit = models.ForeignKey("accounts.Organisation", verbose_name=_("receiving unit"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    receiver_user = models.ForeignKey(settings.AUTH_USER_MODEL,
                                      verbose_name=_("receiving person"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("what the referral needs"), blank=True)
    child_report_made = models.BooleanField(_("a concern report (orosanmälan) has been made"),
                                            default=False)
    child_report_made_on = models.DateField(_("concern report made on"), null=True,
                                            blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ReferralStatus.choices,
                              default=ReferralStatus.SENT, db_index=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    sent_at = models.DateTimeField(pgettext_lazy("referral", "sent"), auto_now_add=True)
    due_on = models.DateField(_("acknowledge by"))
    answered_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    feedback_status = models.CharField(_("status reported back"), max_length=16,
                                       choices=FeedbackStatus.choices, blank=True)
    feedback_at = models.DateTimeField(_("status reported"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        default_permissions = ()

    def __str__(self):
        return f"{self.concern.reference} #{self.pk}"

    @property
    def reference(self) -> str:
        return f"{self.concern.reference}/{self.pk}"


EVENT_LABELS = {
    "created": _("Recorded"),
    "updated": _("Details completed"),
    "triaged": pgettext_lazy("concern", "Triaged"),
    "referral_sent": _("Referral sent"),
    "referral_accepted": _("Referral accepted"),
    "referral_declined": _("Referral declined"),
    "referral_feedback": _("Status reported back"),
    "referral_escalated": _("Referral escalated (not acknowledged in time)"),
    "police_handoff": _("Handed over to the police"),
    "no_action": _("No action / consultation only"),
    "closed": _("Closed"),
    "reopened": _("Reopened"),
}


class ConcernEvent(models.Model):
    """History of a concern: what happened when and by whom, no free text."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("event"), max_length=40)

    class Meta:
        ordering = ["at", "id"]
        default_permissions = ()

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))


class ConcernProcess(Process):
    """The viewflow process of one open period of a concern (its artifact).
    Proxy: the concern itself holds every queryable field."""

    class Meta:
        proxy = True
        verbose_name = _("concern process")
        verbose_name_plural = _("concern processes")


def validate_phone(value: str) -> None:
    """Digits with spaces, hyphens and parentheses as people write them, an
    optional leading + for an international number; at least three digits."""
    digits = sum(ch.isdigit() for ch in value)
    if not PHONE_RE.match(value.strip()) or digits < 3:
        raise ValidationError(_("Enter a telephone number with digits, e.g. 020-100 200."),
                              code="phone")


class SupportContact(models.Model):
    """A number to call for support or to report (Rädda Barnens orostelefon,
    CVE's stödfunktion, 112, 114 14, the municipality's own contacts).
    Reference data, not concern content: the coordinator keeps it up to date
    (concerns/support.py, /oro/stodnummer/) and it is shown where a concern is raised, recorded
    and referred. Seeded by migration 0006."""

    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("telephone number"), max_length=40, validators=[validate_phone])
    hours = models.CharField(_("when it answers"), max_length=120, blank=True)
    description = models.CharField(_("what it is for"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    shown = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("support number")
        verbose_name_plural = _("support numbers")

    def __str__(self):
        return f"{self.name} ({self.phone})"

    @property
    def tel_uri(self) -> str:
        """The tel: link of the number (digits and a leading +, RFC 3966)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return "tel:" + ("+" if self.phone.strip().startswith("+") else "") + digits
