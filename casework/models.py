"""The EST domain: where (Locality), what (Category), the reports, the cases
they become, the situation pictures (lägesbild) and the measures (åtgärder)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import stored_name

from .choices import (
    CaseStatus,
    MeasureStatus,
    MeasureTerm,
    PartOfDay,
    PeriodKind,
    PictureStatus,
    ReportStatus,
    Urgency,
)


class Locality(models.Model):
    """One of the municipality's localities (orter); data, edited in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6,
                                   null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6,
                                    null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")

    def __str__(self):
        return self.name


class Category(models.Model):
    """A report category (skadegörelse, klotter …); data, edited in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name


class Case(models.Model):
    """An EST case (ärende): one or more reports about one matter."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices,
                              default=CaseStatus.INTAKE)
    locality = models.ForeignKey(Locality, verbose_name=_("locality"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cases")
    category = models.ForeignKey(Category, verbose_name=_("category"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cases")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("case officer"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="owned_cases")
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Optimistic concurrency: an edit must name the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["status", "-created_at"], name="case_status_created")]

    def __str__(self):
        return f"{self.reference} {self.title}"


class ReportQuerySet(models.QuerySet):
    def est(self):
        """Reports that belong to EST. A report moved to the concern track is
        never shown, listed or counted by any EST view, for anyone."""
        return self.exclude(status=ReportStatus.MOVED)


class Report(models.Model):
    """A händelserapport: one observation by a reporter."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    # Empty (null) only on a report handed over to the concern track: its
    # content moved to the concern, the row keeps no trace of what it was about.
    category = models.ForeignKey(Category, verbose_name=_("category"), null=True,
                                 on_delete=models.PROTECT, related_name="reports")
    locality = models.ForeignKey(Locality, verbose_name=_("locality"), null=True,
                                 on_delete=models.PROTECT, related_name="reports")
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6,
                                   null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6,
                                    null=True, blank=True)
    occurred_on = models.DateField(_("date"))
    occurred_time = models.TimeField(_("time"), null=True, blank=True)
    part_of_day = models.CharField(_("part of day"), max_length=16, choices=PartOfDay.choices,
                                   default=PartOfDay.UNKNOWN)
    description = models.TextField(_("description"))
    urgency = models.CharField(_("urgency"), max_length=16, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices,
                              default=ReportStatus.NEW)
    set_aside_reason = models.TextField(_("reason for setting aside"), blank=True)
    # When triage handed it over to the concern track (gallring of the remnant
    # counts from here).
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reporter"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reports")
    organisation = models.ForeignKey("accounts.Organisation", verbose_name=_("organisation"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="reports")
    case = models.ForeignKey(Case, verbose_name=_("case"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="reports")
    # Input sent by a working group (TSK-Unga, Plan/Trafik/Samhälle). A string
    # reference: casework lies below meetings and must not import it.
    source_group = models.ForeignKey("meetings.WorkingGroup", verbose_name=_("sent by group"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # Input raised by residents at a trygghetsmöte (townmeetings, above casework:
    # a string reference for the same reason).
    source_town_meeting = models.ForeignKey(
        "townmeetings.TownMeeting", verbose_name=_("from safety meeting"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="reports")
    # The submitter's idempotency key (form token or API Idempotency-Key header).
    submission_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    # A keyed HMAC of the API request body that first used the key, so that
    # the same key with another body is refused (422) instead of answered with
    # this report. Keyed: the hash cannot be used to confirm a guessed text.
    # db_default: bulk loads (load_volume's COPY) do not name the column.
    submission_fingerprint = models.CharField(max_length=64, blank=True, default="",
                                              db_default="")
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["occurred_on", "locality", "category"],
                         name="report_period_loc_cat"),
            models.Index(fields=["status", "-created_at"], name="report_status_created"),
            models.Index(fields=["organisation", "-created_at"], name="report_org_created"),
            models.Index(fields=["reporter", "-created_at"], name="report_reporter_created"),
            # The effect follow-up counts a measure's place: one category, a
            # date range and a box of coordinates, without touching the table
            # for reports that have no coordinates (insights.effects).
            models.Index(fields=["category", "occurred_on", "latitude", "longitude"],
                         name="report_cat_day_coords",
                         condition=models.Q(latitude__isnull=False)),
            # The triage inbox's sorts (workflows.selectors.SORTS): the reports
            # awaiting triage (status new) in each sort's order, so that a page
            # reads one index range in order and stops, costing the same for
            # 100,000 reports as for 1,000,000. Partial: only the open few.
            models.Index(models.F("occurred_on").desc(), models.F("id").desc(),
                         name="report_new_occurred", condition=models.Q(status="new")),
            models.Index(models.Case(models.When(urgency="urgent", then=models.Value(0)),
                                     models.When(urgency="high", then=models.Value(1)),
                                     default=models.Value(2)),
                         models.F("created_at"), models.F("id"), name="report_new_urgency",
                         condition=models.Q(status="new")),
            models.Index(models.F("locality"), models.F("created_at").desc(),
                         models.F("id").desc(), name="report_new_locality",
                         condition=models.Q(status="new")),
        ]

    def __str__(self):
        return self.reference


def attachment_path(instance, filename):
    # The stored name never carries the uploader's file name (it may name a
    # person): random, with the extension of the detected type (core.uploads).
    return f"reports/{instance.report_id}/{stored_name(filename)}"


class ReportAttachment(models.Model):
    """A photo or PDF attached to a report; the type is checked by content."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    # True when core.uploads re-encoded the image: only then is it shown
    # inline. Rows from before re-encoding existed are served as downloads.
    reencoded = models.BooleanField(_("re-encoded image"), default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename


class CaseEvent(models.Model):
    """One line of a case's timeline. Appended, never edited."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("event"), max_length=40)
    text = models.TextField(_("what"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")


def picture_document_path(instance, filename):
    # Random name: the stored document is private media, read through views
    # and the outbox sender only.
    return f"pictures/{instance.pk}/{stored_name(filename)}"


class SituationPicture(models.Model):
    """A lägesbild for a period: compiled by TSK, analysed jointly, published."""

    title = models.CharField(_("title"), max_length=200)
    period_kind = models.CharField(_("period"), max_length=16, choices=PeriodKind.choices,
                                   default=PeriodKind.WEEK)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=16, choices=PictureStatus.choices,
                              default=PictureStatus.DRAFT)
    highlights = models.TextField(_("highlights"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    analysis = models.TextField(_("joint analysis"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    analysed_at = models.DateTimeField(_("analysed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The figures as they were when published (counts only, no report text).
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # The published document (PDF), rendered once after publishing commits;
    # management's e-mails refer to it instead of carrying a copy each.
    document = models.FileField(_("document"), upload_to=picture_document_path, blank=True,
                                editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("situation picture")
        verbose_name_plural = _("situation pictures")
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="picture_period_order",
                                   violation_error_message=_(
                                       "The period must end on or after its first day.")),
            # One lägesbild per period: a second one for the same period
            # would split the analysis and the feedback (services refuse it
            # with a Swedish message; this catches the race).
            models.UniqueConstraint(fields=["period_kind", "period_start"],
                                    name="picture_unique_period"),
        ]

    def __str__(self):
        return self.title


class Measure(models.Model):
    """An åtgärd: something someone will do, by a date, followed up."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    term = models.CharField(_("term"), max_length=8, choices=MeasureTerm.choices,
                            default=MeasureTerm.SHORT)
    owner_organisation = models.ForeignKey("accounts.Organisation",
                                           verbose_name=_("responsible organisation"),
                                           on_delete=models.PROTECT, related_name="measures")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible person"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="measures")
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices,
                              default=MeasureStatus.PROPOSED)
    cases = models.ManyToManyField(Case, verbose_name=_("cases"), blank=True,
                                   related_name="measures")
    situation_picture = models.ForeignKey(SituationPicture, verbose_name=_("situation picture"),
                                          null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="measures")
    # Where it came from besides a case or lägesbild: a meeting decision, a
    # safety-walk place, a medborgarlöfte commitment (generic, so those apps
    # can point here without casework knowing them).
    source_type = models.ForeignKey(ContentType, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # Set when the measure was copied from the content of a working group that
    # handles sensitive matters (a decision of the extremism lägesbild group):
    # only that group's members and the trygghetssamordnare may then see it
    # (casework.rules.may_see_measure_content). The meetings services keep it
    # in step with the source; null means an ordinary measure.
    restricted_to_group = models.ForeignKey(
        "meetings.WorkingGroup", verbose_name=_("restricted to working group"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="restricted_measures")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # What the effect follow-up (insights.effects) compares: the reports of
    # these categories (none: all) in the locality, or within radius_m of the
    # place when it has coordinates; buffer_m is the ring around it where
    # displaced reports would show. effective_on defaults to the created date.
    locality = models.ForeignKey(Locality, verbose_name=_("locality"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="measures")
    categories = models.ManyToManyField(Category, verbose_name=_("report categories targeted"),
                                        blank=True, related_name="measures")
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6,
                                   null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6,
                                    null=True, blank=True)
    radius_m = models.PositiveIntegerField(_("radius around the place (m)"), null=True,
                                           blank=True)
    buffer_m = models.PositiveIntegerField(_("surrounding zone for displacement (m)"),
                                           null=True, blank=True)
    effective_on = models.DateField(_("took effect"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        indexes = [
            models.Index(fields=["status", "due_date"], name="measure_status_due"),
            models.Index(fields=["source_type", "source_id"], name="measure_source"),
        ]

    def __str__(self):
        return self.title

    @property
    def effect_date(self):
        """The day the measure took effect: as entered, else the day it was created."""
        if self.effective_on:
            return self.effective_on
        return timezone.localdate(self.created_at) if self.created_at else None


class MeasureFollowUp(models.Model):
    """An uppföljning note on a measure. Appended, never edited."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="follow_ups")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.TextField(_("note"))
    status_after = models.CharField(_("status after"), max_length=16,
                                    choices=MeasureStatus.choices, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
