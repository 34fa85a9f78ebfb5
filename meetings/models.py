"""Working groups (arbetsgrupper), their members, meeting series and the
meetings (occurrences) with attendees, agenda, minutes and decisions.

Times: a meeting stores its *local* date and wall-clock times plus the time
zone name; aware datetimes are computed with zoneinfo. So a series at 09:00
stays at 09:00 Stockholm time on both sides of a DST change."""

import secrets
import uuid
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

DEFAULT_TZ = "Europe/Stockholm"


class WorkingGroup(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chair"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    secretary = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("secretary"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    # The extremism lägesbild group: need-to-know, and its e-mails and
    # invitations carry no content beyond time, place and a link.
    handles_sensitive = models.BooleanField(_("handles sensitive matters"), default=False)
    # TSK-Unga and Plan/Trafik/Samhälle feed the coordinator's inbox: their
    # members send input (underlag) as reports with the group as source.
    takes_input = models.BooleanField(_("members send input to the coordinator"),
                                      default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name


class Delivery(models.TextChoices):
    MESSAGE = "message", _("One e-mail per message")
    DIGEST = "digest", _("Weekly digest (Monday)")


class Membership(models.Model):
    """A member: a user, or an external person with name, organisation and
    e-mail. Preferences for non-essential mail live here."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="group_memberships")
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    delivery = models.CharField(_("reminders"), max_length=16, choices=Delivery.choices,
                                default=Delivery.MESSAGE)
    unsubscribed = models.BooleanField(_("no non-essential e-mail"), default=False)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["group", "id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_unique_user",
                                    condition=models.Q(user__isnull=False)),
            models.UniqueConstraint(fields=["group", "email"], name="membership_unique_email",
                                    condition=models.Q(user__isnull=True)),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="membership_user_or_email"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        return self.name

    @property
    def display_organisation(self) -> str:
        if self.user_id:
            return str(self.user.organisation or "")
        return self.organisation

    @property
    def address(self) -> str:
        return self.user.email if self.user_id else self.email


class HolidayPolicy(models.TextChoices):
    MOVE = "move", _("Move to the next working day")
    LEAVE = "leave", _("Flag it and leave it for the chair")


def default_reminder_days():
    return [7, 1]


class MeetingSeries(models.Model):
    """A recurring meeting of a group: an RFC 5545 RRULE over local dates."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="series")
    title = models.CharField(_("title"), max_length=200)
    rrule = models.CharField(_("recurrence rule (RRULE)"), max_length=500)
    starts_on = models.DateField(_("first date"))
    ends_on = models.DateField(_("last date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    timezone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TZ)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    holiday_policy = models.CharField(_("on holidays"), max_length=8,
                                      choices=HolidayPolicy.choices, default=HolidayPolicy.LEAVE)
    reminder_days = models.JSONField(_("reminder days before"), default=default_reminder_days)
    reminder_time = models.TimeField(_("reminder time"), default=time(8, 0))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["group", "starts_on"]
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="series_period_order"),
        ]

    def __str__(self):
        return self.title

    @property
    def schedule_text(self) -> str:
        """The rule as a Swedish sentence, e.g. "andra torsdagen i april och
        oktober kl. 13.00"."""
        from .schedule import describe

        return describe(self.rrule, self.start_time)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Scheduled")
    CANCELLED = "cancelled", _("Called off")


class Meeting(models.Model):
    """One occurrence. `original_date` is the date the rule gave (the
    RECURRENCE-ID); `date` is where it is now. The UID never changes; SEQUENCE
    is raised on every change that is sent to the attendees."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(MeetingSeries, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    uid = models.CharField(max_length=120, unique=True)
    original_date = models.DateField(_("date by the rule"), null=True, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    timezone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TZ)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    # Name of the holiday the rule's date fell on ("" when none).
    holiday_name = models.CharField(_("holiday"), max_length=100, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    agenda_drafted_at = models.DateTimeField(null=True, blank=True)
    agenda_sent_at = models.DateTimeField(_("agenda sent"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["date", "start_time", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["series", "original_date"],
                                    name="meeting_unique_occurrence"),
            models.CheckConstraint(condition=models.Q(end_time__gt=models.F("start_time")),
                                   name="meeting_time_order"),
        ]
        indexes = [models.Index(fields=["group", "date"], name="meeting_group_date")]

    def __str__(self):
        return f"{self.title} {self.date:%Y-%m-%d}"

    @staticmethod
    def new_uid() -> str:
        return f"{uuid.uuid4()}@tryggsam"

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time, tzinfo=self.tzinfo)

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.date, self.end_time, tzinfo=self.tzinfo)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= now()

    @property
    def is_past(self) -> bool:
        """Over, and not called off: it was held (minutes approved or not)."""
        return not self.is_cancelled and self.ends_at <= now()

    @property
    def needs_moving(self) -> bool:
        """Still on the holiday the rule gave: the chair should move it."""
        return bool(self.holiday_name) and self.date == self.original_date and \
            not self.is_cancelled


class Rsvp(models.TextChoices):
    PENDING = "pending", _("No answer")
    YES = "yes", _("Yes")
    NO = "no", _("No")
    MAYBE = "maybe", _("Maybe")


class Attendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    membership = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="meeting_attendances")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    response = models.CharField(_("answer"), max_length=8, choices=Rsvp.choices,
                                default=Rsvp.PENDING)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="attendee_unique_email"),
        ]

    def __str__(self):
        return self.name


class Decision(models.Model):
    """A decision in the minutes; may be turned into a casework Measure."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=300)
    measure = models.OneToOneField("casework.Measure", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="meeting_decision")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A user's personal subscription feed; revoking replaces the token."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
