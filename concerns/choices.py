from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Source(models.TextChoices):
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting")
    EST = "est", _("Moved over from EST triage")
    STAFF_FORM = "staff_form", _("Staff form")


class AgeGroup(models.TextChoices):
    UNDER_13 = "under_13", _("Under 13")
    AGE_13_17 = "13_17", _("13–17")
    AGE_18_25 = "18_25", _("18–25")
    OVER_25 = "over_25", _("Over 25")
    UNKNOWN = "unknown", _("Unknown")


class Environment(models.TextChoices):
    RIGHT = "right", _("Right-wing")
    LEFT = "left", _("Left-wing")
    ISLAMIST = "islamist", _("Islamist")
    UNCLEAR = "unclear", _("Unclear")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


class ConcernStatus(models.TextChoices):
    NEW = "new", _("New, awaiting triage")
    TRIAGED = "triaged", _("Triaged, being routed")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    SUPPORT = "support", _("Support from social services")
    EXIT = "exit", _("Exit support")
    POLICE = "police", _("Handed over to the police")
    NO_ACTION = "no_action", _("No action")
    CONSULTATION = "consultation", _("Consultation only")


class Route(models.TextChoices):
    """Routes for statistics; a concern can take several."""

    SOCIAL_SERVICES = "social_services", _("Referral to social services")
    EXIT = "exit", _("Exit support")
    POLICE = "police", pgettext_lazy("concern route", "Police")
    NO_ACTION = "no_action", _("No action / consultation")


class ReferralKind(models.TextChoices):
    SUPPORT = "support", _("Support (social services)")
    EXIT = "exit", _("Exit support")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Awaiting acknowledgement")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class FeedbackStatus(models.TextChoices):
    ONGOING = "ongoing", _("Intervention ongoing")
    FINISHED = "finished", _("Intervention finished")
    NO_ACTION = "no_action", _("No action")


class PoliceChannel(models.TextChoices):
    TIPS = "tips", _("Tip line 114 14")
    EMERGENCY = "emergency", _("Emergency 112")
    CONTACT = "contact", _("Community police officer")
    OTHER = "other", _("Other")
