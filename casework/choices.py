from django.db import models
from django.utils.translation import gettext_lazy as _


class PartOfDay(models.TextChoices):
    UNKNOWN = "unknown", _("Unknown")
    MORNING = "morning", _("Morning (06–12)")
    AFTERNOON = "afternoon", _("Afternoon (12–18)")
    EVENING = "evening", _("Evening (18–24)")
    NIGHT = "night", _("Night (00–06)")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_CASE = "in_case", _("Part of a case")
    SET_ASIDE = "set_aside", _("Set aside")
    # Shown to the reporter as a neutral status: never says to whom.
    MOVED = "moved", _("Handed over")


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Intake")
    ANALYSIS = "analysis", _("Analysis")
    ACTION = "action", _("Action")
    FEEDBACK = "feedback", _("Feedback")
    CLOSED = "closed", _("Closed")


class MeasureStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DECIDED = "decided", _("Decided")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A measure in one of these states is still to be done: its owner is reminded.
OPEN_MEASURE_STATUSES = (MeasureStatus.PROPOSED, MeasureStatus.DECIDED,
                         MeasureStatus.IN_PROGRESS)


class MeasureTerm(models.TextChoices):
    SHORT = "short", _("Short term")
    LONG = "long", _("Long term")


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    TERTIAL = "tertial", _("Tertial")
    YEAR = "year", _("Year")
    CUSTOM = "custom", _("Custom")


class PictureStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ANALYSED = "analysed", _("Analysed")
    PUBLISHED = "published", _("Published")
