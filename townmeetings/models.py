"""Trygghetsmöten: the open meeting held in each locality (ort) once per
mandate term, its programme, the residents' input and the feedback to the
locality's contact person."""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The page's programme: the open afternoon 14–18, the evening meeting 18–20.
AFTERNOON = (time(14, 0), time(18, 0))
EVENING = (time(18, 0), time(20, 0))


class Session(models.TextChoices):
    AFTERNOON = "afternoon", _("Afternoon (open meeting)")
    EVENING = "evening", _("Evening meeting")


class TownMeeting(models.Model):
    """One trygghetsmöte in one locality. Its term (mandatperiod) follows from
    the date (insights.periods.term_containing, the walks' term)."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    locality = models.ForeignKey("casework.Locality", verbose_name=_("locality"),
                                 on_delete=models.PROTECT, related_name="town_meetings")
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200)
    invited_experts = models.TextField(
        _("specially invited"), blank=True,
        help_text=_("Experts invited at the locality's wish, e.g. from the administration."))
    safety_walk = models.ForeignKey("insights.SafetyWalk", verbose_name=_("safety walk"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="town_meetings")
    # The locality's contact person for this meeting; empty = the locality's own.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    announcement_web = models.TextField(_("text for the municipality's web page"), blank=True)
    announcement_social = models.TextField(_("text for social media"), blank=True)
    announcement_newspaper = models.TextField(_("newspaper advertisement"), blank=True)
    residents_count = models.PositiveIntegerField(_("number of residents"), default=0)
    feedback_sent_at = models.DateTimeField(_("feedback sent"), null=True, blank=True)
    feedback_sent_to = models.EmailField(_("feedback sent to"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("safety meeting")
        verbose_name_plural = _("safety meetings")
        indexes = [models.Index(fields=["locality", "date"], name="townmeeting_loc_date")]

    def __str__(self):
        return f"{self.reference} {self.locality} {self.date.isoformat()}"

    def is_held(self, today=None) -> bool:
        return self.date <= (today or timezone.localdate())

    @property
    def feedback_name(self) -> str:
        return self.contact_name or self.locality.contact_name

    @property
    def feedback_email(self) -> str:
        return self.contact_email or self.locality.contact_email


class TownMeetingProgrammeItem(models.Model):
    meeting = models.ForeignKey(TownMeeting, on_delete=models.CASCADE, related_name="programme")
    session = models.CharField(_("part of the meeting"), max_length=16, choices=Session.choices)
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title


class TownMeetingInput(models.Model):
    """Something a resident raised at the meeting. It may become a measure
    (casework.measures, source = this row) or a report (source = the meeting)."""

    meeting = models.ForeignKey(TownMeeting, on_delete=models.CASCADE, related_name="inputs")
    topic = models.CharField(_("topic"), max_length=200)
    description = models.TextField(
        _("what was said"),
        help_text=_("Do not name private persons: describe them instead."))
    place = models.CharField(_("place"), max_length=200, blank=True)
    report = models.OneToOneField("casework.Report", verbose_name=_("report"), null=True,
                                  blank=True, on_delete=models.SET_NULL,
                                  related_name="town_meeting_input")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("input from a safety meeting")
        verbose_name_plural = _("inputs from safety meetings")

    def __str__(self):
        # Shown as a measure's "Comes from": the meeting and the topic only.
        return f"{self.meeting.reference}: {self.topic}"
