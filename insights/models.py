"""Analytics (the weekly report roll-up), safety walks (trygghetsvandringar),
the safety survey (trygghetsenkät) and the medborgarlöfte."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import stored_name


class ReportWeekCount(models.Model):
    """Reports per ISO week × locality × category, kept in step with
    casework.Report by database triggers (migrations 0002 and 0008). Reports
    with status "moved" (handed to the extremism track) are not counted.

    A cell's count is the sum over its slots: on PostgreSQL a transaction
    adds to slot txid % 4 (migration 0008, ADR 0046), so concurrent reports
    in one cell (a wave of graffiti in one place) do not queue on one row
    until each commits. A slot may be negative (a report counted in one
    slot, moved away from another); readers sum. `insights.rollup.fold_slots`
    (nightly) folds them into slot 0."""

    week_start = models.DateField(_("week starting"))
    locality = models.ForeignKey("casework.Locality", on_delete=models.CASCADE,
                                 related_name="+", db_constraint=False)
    category = models.ForeignKey("casework.Category", on_delete=models.CASCADE,
                                 related_name="+", db_constraint=False)
    slot = models.SmallIntegerField(_("slot"), db_default=0)
    count = models.IntegerField(_("reports"), default=0)

    class Meta:
        verbose_name = _("weekly report count")
        verbose_name_plural = _("weekly report counts")
        constraints = [
            models.UniqueConstraint(fields=["week_start", "locality", "category", "slot"],
                                    name="rollup_week_loc_cat_slot"),
        ]


class PlaceCategory(models.TextChoices):
    LIGHTING = "lighting", _("Lighting")
    VEGETATION = "vegetation", _("Vegetation")
    TRAFFIC = "traffic", _("Traffic")
    VANDALISM = "vandalism", _("Vandalism")
    OTHER = "other", _("Other")


class SafetyWalk(models.Model):
    """A trygghetsvandring with residents in one locality."""

    locality = models.ForeignKey("casework.Locality", verbose_name=_("locality"),
                                 on_delete=models.PROTECT, related_name="safety_walks")
    date = models.DateField(_("date"))
    meeting_point = models.CharField(_("meeting point"), max_length=200)
    route = models.TextField(_("route"), blank=True)
    organisations = models.ManyToManyField("accounts.Organisation",
                                           verbose_name=_("organisations taking part"),
                                           blank=True, related_name="safety_walks")
    residents_count = models.PositiveIntegerField(_("number of residents"), default=0)
    # The trygghetsmöte the walk belongs to, when it is held as a meeting in
    # Tryggsam; the free-text note otherwise (or beside it).
    safety_meeting = models.ForeignKey("meetings.Meeting", verbose_name=_("safety meeting"),
                                       null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="safety_walks")
    safety_meeting_note = models.CharField(_("safety meeting (free text)"), max_length=200,
                                           blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("safety walk")
        verbose_name_plural = _("safety walks")
        indexes = [models.Index(fields=["locality", "date"], name="walk_locality_date")]

    def __str__(self):
        return f"{self.locality} {self.date.isoformat()}"


def walk_photo_path(instance, filename):
    # Random name with the detected type's extension (core.uploads); the
    # photographer's file name may name a person or a place.
    return f"walks/{timezone.now().year}/{stored_name(filename)}"


class WalkPlace(models.Model):
    """A place observed on a walk; may become a casework Measure (source=place)."""

    walk = models.ForeignKey(SafetyWalk, on_delete=models.CASCADE, related_name="places")
    locality = models.ForeignKey("casework.Locality", verbose_name=_("locality"),
                                 on_delete=models.PROTECT, related_name="+")
    location = models.CharField(_("location"), max_length=200)
    # Optional: where on the map (WGS 84; core.geo keeps it inside Sweden).
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6,
                                   null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6,
                                    null=True, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=PlaceCategory.choices)
    description = models.TextField(_("description"))
    photo = models.FileField(_("photo"), upload_to=walk_photo_path, blank=True)
    # True when core.uploads re-encoded the photo: only then is it shown
    # inline. Photos stored before re-encoding existed are served as downloads.
    photo_reencoded = models.BooleanField(_("re-encoded photo"), default=False,
                                          editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("observed place")
        verbose_name_plural = _("observed places")

    def __str__(self):
        return self.location


class Survey(models.Model):
    """One year's trygghetsenkät (aggregated results only)."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    source_filename = models.CharField(_("file"), max_length=200, blank=True)
    invited = models.PositiveIntegerField(_("invited"), null=True, blank=True,
                                          help_text=_("People the survey was sent to."))
    respondents = models.PositiveIntegerField(_("respondents"), null=True, blank=True,
                                              help_text=_("People who answered."))
    wish_question = models.CharField(
        _("question with the wishes"), max_length=300, blank=True,
        help_text=_("The question whose answers are the residents' wished measures."))
    analysis = models.TextField(_("analysis"), blank=True,
                                help_text=_("The coordinator's written analysis of the year."))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("safety survey")
        verbose_name_plural = _("safety surveys")

    def __str__(self):
        return self.title


class Breakdown(models.TextChoices):
    TOTAL = "total", _("All respondents")
    GENDER = "gender", _("Gender")
    AGE_GROUP = "age_group", _("Age group")
    LOCALITY = "locality", _("Locality")


class SurveyResult(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="results")
    question = models.CharField(_("question"), max_length=300)
    option = models.CharField(_("answer option"), max_length=300)
    share = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=1,
                                null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    breakdown = models.CharField(_("breakdown"), max_length=16, choices=Breakdown.choices,
                                 default=Breakdown.TOTAL)
    breakdown_value = models.CharField(_("group"), max_length=100, blank=True)
    row_number = models.PositiveIntegerField(_("row"), default=0)

    class Meta:
        ordering = ["survey", "row_number", "id"]
        verbose_name = _("survey result")
        verbose_name_plural = _("survey results")
        indexes = [models.Index(fields=["question", "breakdown"], name="survey_q_breakdown")]

    def __str__(self):
        return f"{self.question}: {self.option}"


class SurveyImport(models.Model):
    """A staged, validated upload waiting for the user's confirmation. Nothing
    reaches Survey/SurveyResult until it is confirmed."""

    year = models.PositiveIntegerField(_("year"))
    filename = models.CharField(_("file"), max_length=200)
    rows = models.JSONField(default=list)
    invited = models.PositiveIntegerField(_("invited"), null=True, blank=True)
    respondents = models.PositiveIntegerField(_("respondents"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey import")
        verbose_name_plural = _("survey imports")


class CitizenPromise(models.Model):
    """A medborgarlöfte: police, municipality and housing company promise
    concrete commitments (casework Measures with source=promise) for an area."""

    title = models.CharField(_("title"), max_length=200)
    locality = models.ForeignKey("casework.Locality", verbose_name=_("area (locality)"),
                                 on_delete=models.PROTECT, related_name="+")
    area_description = models.CharField(_("area"), max_length=200, blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    text = models.TextField(_("promise"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("citizen promise")
        verbose_name_plural = _("citizen promises")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="promise_period_order",
                                   violation_error_message=_(
                                       "The end date is before the start date.")),
        ]

    def __str__(self):
        return self.title


class PromiseSignatory(models.Model):
    promise = models.ForeignKey(CitizenPromise, on_delete=models.CASCADE,
                                related_name="signatories")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    signed_by = models.CharField(_("signed by"), max_length=200)
    signed_on = models.DateField(_("signed on"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
