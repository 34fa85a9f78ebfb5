"""Every way a working group, a series or a meeting changes.

Mail: every e-mail goes through the outbox (`notifications.services`), written
in the same transaction as the change. Reminders are outbox rows planned with
a `due_at`; the outbox tick sends them when due (no long Celery ETAs). Keys:
`meeting:<id>:<attendee id>:<kind>:<sequence>`, so a moved meeting withdraws
its pending rows by prefix and plans new ones under the raised SEQUENCE.

Essential mail (invitations, changes, cancellations) goes to every attendee.
Non-essential mail (reminders, agenda ready, minutes approved) respects the
member's choice: per message, weekly digest (reminders and agenda are then
left to the digest) or unsubscribed."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework import services as casework_services
from casework.choices import MeasureStatus
from casework.models import Measure
from casework.selectors import measures_visible_to
from notifications.models import OutgoingEmail
from notifications.services import email_enqueue, email_withdraw

from . import agenda as agenda_module
from .calendar import meeting_ics, summary_for
from .models import (
    Attendee,
    CalendarFeed,
    Decision,
    Delivery,
    HolidayPolicy,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Membership,
    Rsvp,
    WorkingGroup,
    new_feed_token,
)
from .recurrence import occurrences

# Invitations go out at most this long before the meeting.
INVITE_LEAD = timedelta(days=45)
# Measure owners are reminded this many days before the due date.
MEASURE_REMINDER_DAYS = 3
RSVP_SALT = "meetings.rsvp"
UNSUBSCRIBE_SALT = "meetings.unsubscribe"
# Links in mail expire, so an old message (forwarded, in a shared mailbox,
# leaked) stops working: an RSVP link after its meeting's day, an unsubscribe
# link this long after the meeting its mail was about. Mail is planned up to a
# year ahead, so the expiry follows the meeting, not the moment of signing.
UNSUBSCRIBE_LINK_DAYS = 90
# Unsubscribe links signed before they carried an expiry (mail already queued
# when this was deployed) stop working this long after they were signed.
UNDATED_LINK_MAX_AGE = timedelta(days=400)


class LinkExpired(Exception):
    """A correctly signed link that is no longer valid (answered with 410)."""


# ---------------------------------------------------------------- groups

def group_create(*, name: str, purpose: str = "", chair=None, secretary=None,
                 handles_sensitive: bool = False) -> WorkingGroup:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter a name.")})
    with transaction.atomic():
        if WorkingGroup.objects.filter(name__iexact=name).exists():
            raise ValidationError({"name": _("A working group with this name exists already.")})
        group = WorkingGroup.objects.create(
            name=name, purpose=purpose, chair=chair, secretary=secretary,
            handles_sensitive=handles_sensitive)
        for person in {p for p in (chair, secretary) if p is not None}:
            membership_add(group=group, user=person)
    return group


def group_update(*, group: WorkingGroup, name: str, purpose: str, chair, secretary,
                 handles_sensitive: bool) -> WorkingGroup:
    with transaction.atomic():
        group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        if WorkingGroup.objects.filter(name__iexact=name).exclude(pk=group.pk).exists():
            raise ValidationError({"name": _("A working group with this name exists already.")})
        group.name, group.purpose = name, purpose
        group.chair, group.secretary = chair, secretary
        was_sensitive = group.handles_sensitive
        group.handles_sensitive = handles_sensitive
        group.save()
        if was_sensitive != handles_sensitive:
            group_measures_restrict(group=group)
        for person in {p for p in (chair, secretary) if p is not None}:
            if not group.memberships.filter(user=person).exists():
                membership_add(group=group, user=person)
    return group


# ---------------------------------------------------------------- members

def membership_add(*, group: WorkingGroup, user=None, name: str = "", organisation: str = "",
                   email: str = "", delivery: str = Delivery.MESSAGE) -> Membership:
    """Add a user or an external person. Every member needs an e-mail address
    (reminders and invitations are the point of membership). The member is
    added to the group's future meetings and gets their invitations."""
    email = (email or "").strip().lower()
    if user is not None:
        if not user.email:
            raise ValidationError({"user": _("%(name)s has no e-mail address. Add one "
                                             "before adding them to a group.")
                                   % {"name": user.get_full_name() or user.username}})
        if group.memberships.filter(user=user).exists():
            raise ValidationError({"user": _("This person is a member already.")})
        name, email, organisation = "", "", ""
    else:
        if not name.strip():
            raise ValidationError({"name": _("Enter the person's name.")})
        if not email:
            raise ValidationError({"email": _("Enter the person's e-mail address.")})
        try:
            validate_email(email)
        except ValidationError as error:
            raise ValidationError({"email": _("Enter a valid e-mail address, "
                                              "e.g. namn@example.org.")}) from error
        if group.memberships.filter(user__isnull=True, email=email).exists() or \
                group.memberships.filter(user__email__iexact=email).exists():
            raise ValidationError({"email": _("Someone with this e-mail address is a "
                                              "member already.")})
    with transaction.atomic():
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    group=group, user=user, name=name.strip(), organisation=organisation.strip(),
                    email=email, delivery=delivery)
        except IntegrityError as error:
            raise ValidationError(_("This person is a member already.")) from error
        for meeting in _future_meetings(group):
            attendee = _attendee_for(meeting, membership)
            if attendee is not None:
                _plan_attendee_mail(meeting, attendee, invite_now=True)
    return membership


def membership_remove(*, membership: Membership) -> None:
    """Remove a member; their pending mail for future meetings is withdrawn."""
    with transaction.atomic():
        for attendee in Attendee.objects.filter(
                membership=membership, meeting__in=_future_meetings(membership.group)):
            email_withdraw(key_prefix=f"meeting:{attendee.meeting_id}:{attendee.pk}:")
            attendee.delete()
        membership.delete()


def membership_set_preferences(*, membership: Membership, delivery: str,
                               unsubscribed: bool) -> Membership:
    """Change how the member gets non-essential mail; the pending mail of
    future meetings is re-planned to match."""
    if delivery not in Delivery.values:
        raise ValidationError({"delivery": _("Choose how you want your reminders.")})
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        membership.delivery, membership.unsubscribed = delivery, unsubscribed
        membership.save(update_fields=["delivery", "unsubscribed"])
        for attendee in Attendee.objects.filter(
                membership=membership, meeting__in=_future_meetings(membership.group)
        ).select_related("meeting__group__chair", "membership"):
            _withdraw_non_essential(attendee)
            _plan_attendee_mail(attendee.meeting, attendee, invite_now=False)
    return membership


def _withdraw_non_essential(attendee: Attendee) -> None:
    prefix = f"meeting:{attendee.meeting_id}:{attendee.pk}:"
    keys = [key for key in OutgoingEmail.objects.filter(
        key__startswith=prefix, status=OutgoingEmail.Status.PENDING,
    ).values_list("key", flat=True) if ":reminder" in key or ":agenda:" in key]
    email_withdraw(keys=keys)


# ---------------------------------------------------------------- series

def series_create(*, group: WorkingGroup, title: str, rrule: str, starts_on: date,
                  ends_on: date, start_time: time, end_time: time, place: str = "",
                  online_link: str = "", holiday_policy: str = HolidayPolicy.LEAVE,
                  reminder_days=(7, 1)) -> MeetingSeries:
    """Create a series and its meetings. Rejects (Swedish ValidationError,
    nothing saved) a rule with no or too many occurrences, an end before the
    start and an end time not after the start time."""
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The meeting must end after it starts.")})
    days = sorted({int(d) for d in reminder_days}, reverse=True)
    if any(d < 0 or d > 60 for d in days):
        raise ValidationError({"reminder_days": _("Reminders can be sent 0–60 days before.")})
    found = occurrences(rrule=rrule, starts_on=starts_on, ends_on=ends_on,
                        start_time=start_time,
                        move_from_holidays=holiday_policy == HolidayPolicy.MOVE)
    with transaction.atomic():
        series = MeetingSeries.objects.create(
            group=group, title=title.strip() or group.name, rrule=rrule.strip(),
            starts_on=starts_on, ends_on=ends_on, start_time=start_time, end_time=end_time,
            place=place, online_link=online_link, holiday_policy=holiday_policy,
            reminder_days=days)
        memberships = list(group.memberships.select_related("user"))
        for occurrence in found:
            meeting = Meeting.objects.create(
                group=group, series=series, title=series.title, uid=Meeting.new_uid(),
                original_date=occurrence.original_date, date=occurrence.date,
                start_time=start_time, end_time=end_time, place=place,
                online_link=online_link, holiday_name=occurrence.holiday_name)
            for membership in memberships:
                attendee = _attendee_for(meeting, membership)
                if attendee is not None and meeting.starts_at > timezone.now():
                    _plan_attendee_mail(meeting, attendee, invite_now=False)
    return series


def _future_meetings(group: WorkingGroup):
    today = timezone.localdate()
    return group.meetings.filter(status=MeetingStatus.PLANNED, date__gte=today)


def _attendee_for(meeting: Meeting, membership: Membership) -> Attendee | None:
    address = membership.address
    if not address:
        return None
    attendee, _created = Attendee.objects.get_or_create(
        meeting=meeting, email=address.lower(),
        defaults={"membership": membership, "user": membership.user,
                  "name": membership.display_name})
    return attendee


# ---------------------------------------------------------------- mail planning

def local_moment(day: date, at: time, tz) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)


def _reminder_days(meeting: Meeting) -> list[int]:
    return list(meeting.series.reminder_days) if meeting.series_id else [7, 1]


def _reminder_time(meeting: Meeting) -> time:
    return meeting.series.reminder_time if meeting.series_id else time(8, 0)


def signed_rsvp_token(attendee: Attendee) -> str:
    """Bound to the attendee (id and address); cannot be edited without the
    secret key."""
    return signing.dumps({"a": attendee.pk, "e": attendee.email}, salt=RSVP_SALT)


def read_rsvp_token(token: str) -> Attendee:
    """The attendee named by a signed token; BadSignature when tampered with,
    Attendee.DoesNotExist when the attendee is gone, LinkExpired once the
    meeting's day has passed (its current date: a moved meeting moves it)."""
    data = signing.loads(token, salt=RSVP_SALT)
    attendee = Attendee.objects.select_related("meeting__group").get(
        pk=data["a"], email=data["e"])
    if attendee.meeting.date < timezone.localdate():
        raise LinkExpired
    return attendee


def signed_unsubscribe_token(membership: Membership, *, meeting_date: date) -> str:
    valid_until = meeting_date + timedelta(days=UNSUBSCRIBE_LINK_DAYS)
    return signing.dumps({"m": membership.pk, "x": valid_until.isoformat()},
                         salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> Membership:
    """The membership named by a signed token; BadSignature when tampered
    with, LinkExpired after its valid-until day."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if "x" not in data:
        try:
            signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNDATED_LINK_MAX_AGE)
        except signing.SignatureExpired:
            raise LinkExpired from None
    elif date.fromisoformat(data["x"]) < timezone.localdate():
        raise LinkExpired
    return Membership.objects.select_related("group").get(pk=data["m"])


def _context(meeting: Meeting, attendee: Attendee, kind: str, **extra) -> dict:
    """JSON context for the e-mail templates: time, place and links only (and
    for groups without sensitive matters, the agenda or minutes text)."""
    rsvp = reverse("meetings:rsvp-link", args=[signed_rsvp_token(attendee)])
    with translation.override(settings.LANGUAGE_CODE):
        title = summary_for(meeting)
    context = {
        "kind": kind,
        "title": title,
        "group": "" if meeting.group.handles_sensitive else meeting.group.name,
        "date": meeting.date.isoformat(),
        "start": meeting.start_time.strftime("%H:%M"),
        "end": meeting.end_time.strftime("%H:%M"),
        "place": meeting.place,
        "online_link": meeting.online_link,
        "name": attendee.name,
        "url": reverse("meetings:meeting-detail", args=[meeting.pk]),
        "rsvp_url": rsvp,
        "sequence": meeting.sequence,
    }
    if attendee.membership_id:
        context["unsubscribe_url"] = reverse(
            "meetings:unsubscribe", args=[signed_unsubscribe_token(
                attendee.membership, meeting_date=meeting.date)])
    context.update(extra)
    return context


def _key(meeting: Meeting, attendee: Attendee, kind: str) -> str:
    return f"meeting:{meeting.pk}:{attendee.pk}:{kind}:{meeting.sequence}"


def _plan_attendee_mail(meeting: Meeting, attendee: Attendee, *, invite_now: bool) -> None:
    """The invitation (due at once, or INVITE_LEAD before the meeting) and the
    reminders at the series' reminder time, N days before (local time)."""
    now = timezone.now()
    if meeting.is_cancelled or meeting.starts_at <= now:
        return
    ics = meeting_ics(meeting, method="REQUEST", attendees=[attendee])
    invite_due = now if invite_now else max(now, meeting.starts_at - INVITE_LEAD)
    kind = "invite" if meeting.sequence == 0 else "update"
    email_enqueue(key=_key(meeting, attendee, "invite"), to=attendee.email,
                  template="meeting_notice", context=_context(meeting, attendee, kind),
                  due_at=invite_due, calendar=ics)
    membership = attendee.membership
    if membership is not None and (membership.unsubscribed
                                   or membership.delivery == Delivery.DIGEST):
        return
    for days in _reminder_days(meeting):
        due = local_moment(meeting.date - timedelta(days=days), _reminder_time(meeting),
                           meeting.tzinfo)
        if due <= now:
            continue
        row = email_enqueue(key=_key(meeting, attendee, f"reminder{days}"),
                            to=attendee.email, template="meeting_notice",
                            context=_context(meeting, attendee, "reminder", days=days),
                            due_at=due, calendar=ics)
        if row.status == OutgoingEmail.Status.WITHDRAWN:
            # Withdrawn by a change of preference and wanted again.
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=OutgoingEmail.Status.PENDING, due_at=due)


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related(
        "group__chair", "series").get(pk=meeting.pk)


# ---------------------------------------------------------------- meetings

def meeting_move(*, meeting: Meeting, date: date, start_time: time, end_time: time,
                 place: str | None = None, online_link: str | None = None) -> Meeting:
    """Move one occurrence. Its unsent mail is withdrawn; SEQUENCE rises and
    an updated invitation (same UID) goes out at once, with new reminders."""
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The meeting must end after it starts.")})
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.is_cancelled:
            raise ValidationError(_("A cancelled meeting cannot be moved."))
        if datetime.combine(date, start_time, tzinfo=meeting.tzinfo) <= timezone.now():
            raise ValidationError({"date": _("Choose a time in the future.")})
        email_withdraw(key_prefix=f"meeting:{meeting.pk}:")
        meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
        if place is not None:
            meeting.place = place
        if online_link is not None:
            meeting.online_link = online_link
        meeting.sequence += 1
        meeting.save()
        for attendee in meeting.attendees.select_related("membership"):
            _plan_attendee_mail(meeting, attendee, invite_now=True)
    return meeting


def meeting_cancel(*, meeting: Meeting) -> Meeting:
    """Cancel one occurrence: unsent mail is withdrawn and every attendee gets
    a METHOD:CANCEL for the same UID with a raised SEQUENCE."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.is_cancelled:
            return meeting
        email_withdraw(key_prefix=f"meeting:{meeting.pk}:")
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        meeting.save()
        for attendee in meeting.attendees.select_related("membership"):
            email_enqueue(key=_key(meeting, attendee, "cancel"), to=attendee.email,
                          template="meeting_notice",
                          context=_context(meeting, attendee, "cancel"),
                          calendar=meeting_ics(meeting, method="CANCEL", attendees=[attendee]))
    return meeting


def meeting_rsvp(*, attendee: Attendee, response: str) -> Attendee:
    if response not in (Rsvp.YES, Rsvp.NO, Rsvp.MAYBE):
        raise ValidationError(_("Answer yes, no or maybe."))
    with transaction.atomic():
        attendee = Attendee.objects.select_for_update().get(pk=attendee.pk)
        attendee.response = response
        attendee.responded_at = timezone.now()
        attendee.save(update_fields=["response", "responded_at"])
    return attendee


def meeting_agenda_draft(*, meeting: Meeting, force: bool = False) -> Meeting:
    """Fill the agenda from what happened since the last meeting (kept when
    the chair has already written one, unless `force`)."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.agenda and not force:
            return meeting
        meeting.agenda = agenda_module.draft(meeting)
        meeting.agenda_drafted_at = timezone.now()
        meeting.save(update_fields=["agenda", "agenda_drafted_at", "updated_at"])
    return meeting


def meeting_agenda_save(*, meeting: Meeting, agenda: str, send: bool = False) -> Meeting:
    """Save the edited agenda; `send` tells the attendees it is ready (once
    per version of the meeting)."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.is_cancelled:
            raise ValidationError(_("The meeting is cancelled."))
        meeting.agenda = agenda
        if send:
            if not agenda.strip():
                raise ValidationError({"agenda": _("Write an agenda before sending it.")})
            meeting.agenda_sent_at = timezone.now()
        meeting.save()
        if send:
            for attendee in meeting.attendees.select_related("membership"):
                membership = attendee.membership
                if membership is not None and (membership.unsubscribed
                                               or membership.delivery == Delivery.DIGEST):
                    continue
                extra = {} if meeting.group.handles_sensitive else {"text": agenda}
                email_enqueue(key=_key(meeting, attendee, "agenda"), to=attendee.email,
                              template="meeting_notice",
                              context=_context(meeting, attendee, "agenda", **extra))
    return meeting


def meeting_minutes_save(*, meeting: Meeting, minutes: str, approve: bool = False) -> Meeting:
    """Save the minutes; approving sends them (or for sensitive groups, a
    link) to every member who has not unsubscribed."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        if meeting.minutes_approved_at is not None:
            raise ValidationError(_("The minutes are approved and can no longer be changed."))
        meeting.minutes = minutes
        if approve:
            if not minutes.strip():
                raise ValidationError({"minutes": _("Write the minutes before approving them.")})
            if not meeting.has_started:
                raise ValidationError(_("Minutes can be approved only after the meeting has "
                                        "started. Save them as a draft until then."))
            meeting.minutes_approved_at = timezone.now()
        meeting.save()
        if approve:
            extra = {} if meeting.group.handles_sensitive else {"text": minutes}
            for attendee in meeting.attendees.select_related("membership"):
                if attendee.membership is not None and attendee.membership.unsubscribed:
                    continue
                email_enqueue(key=_key(meeting, attendee, "minutes"), to=attendee.email,
                              template="meeting_notice",
                              context=_context(meeting, attendee, "minutes", **extra))
    return meeting


def decision_add(*, meeting: Meeting, text: str, actor, owner=None, owner_organisation=None,
                 due_date: date | None = None, description: str = "",
                 make_measure: bool = True) -> Decision:
    """Record a decision; with `make_measure` it becomes a casework Measure
    (source = the decision) and its owner is told and reminded before the due
    date."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        decision = Decision.objects.create(meeting=meeting, text=text[:300], created_by=actor)
        if make_measure:
            organisation = owner_organisation or (owner.organisation if owner else None)
            if organisation is None:
                raise ValidationError({"owner_organisation": _(
                    "Choose the organisation responsible for the measure.")})
            if due_date is not None and due_date < meeting.date:
                raise ValidationError({"due_date": _(
                    "The due date must not be before the meeting.")})
            # Visibility travels with the data: a sensitive group's decision
            # makes a measure only that group (and the coordinator) may see.
            measure = casework_services.measure_create(
                actor=actor, title=text[:200], description=description, owner=owner,
                owner_organisation=organisation, due_date=due_date,
                status=MeasureStatus.DECIDED, source=decision,
                restricted_to_group=restriction_for(meeting.group))
            decision.measure = measure
            decision.save(update_fields=["measure"])
            if owner is not None and owner.email:
                _plan_measure_mail(measure, owner)
    return decision


def restriction_for(group: WorkingGroup) -> WorkingGroup | None:
    """The group a copy of this group's meeting content is restricted to."""
    return group if group.handles_sensitive else None


def group_measures_restrict(*, group: WorkingGroup) -> int:
    """Bring the restriction of the measures made from the group's decisions
    in step with the group (called when `handles_sensitive` changes; rows
    made before the restriction existed were filled by migration
    meetings 0004). Returns how many measures changed."""
    measure_ids = Decision.objects.filter(
        meeting__group=group, measure__isnull=False).values("measure_id")
    return Measure.objects.filter(pk__in=measure_ids).exclude(
        restricted_to_group=restriction_for(group)).update(
        restricted_to_group=restriction_for(group))


def measure_mail_title(measure: Measure) -> str:
    """How mail names a measure: a restricted one by number only (Å-12); the
    link leads to Tryggsam, where the rules decide who reads it."""
    if measure.restricted_to_group_id is not None:
        return f"Å-{measure.pk}"
    return measure.title


def _plan_measure_mail(measure: Measure, owner) -> None:
    context = {"title": measure_mail_title(measure),
               "due_date": measure.due_date.isoformat() if measure.due_date else "",
               "url": reverse("casework:measure-detail", args=[measure.pk])}
    email_enqueue(key=f"measure:{measure.pk}:{owner.pk}:assigned", to=owner.email,
                  template="measure_notice", context={**context, "kind": "assigned"})
    if measure.due_date:
        due = local_moment(measure.due_date - timedelta(days=MEASURE_REMINDER_DAYS),
                           time(8, 0), timezone.get_default_timezone())
        if due > timezone.now():
            email_enqueue(key=f"measure:{measure.pk}:{owner.pk}:due", to=owner.email,
                          template="measure_notice", context={**context, "kind": "due"},
                          due_at=due)


# ---------------------------------------------------------------- digest

def digest_enqueue(*, now: datetime | None = None) -> int:
    """The weekly digest (Monday 07:00): one e-mail per address of the members
    who chose it, listing their next two weeks' meetings. Keyed by ISO week,
    so running twice in a week sends one. Returns how many were queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    year, week, _weekday = today.isocalendar()
    horizon = today + timedelta(days=14)
    memberships = Membership.objects.filter(
        delivery=Delivery.DIGEST, unsubscribed=False).select_related("user", "group")
    by_address: dict[str, list[Membership]] = {}
    for membership in memberships:
        if membership.address:
            by_address.setdefault(membership.address.lower(), []).append(membership)
    queued = 0
    for address, members in sorted(by_address.items()):
        meetings = Meeting.objects.filter(
            group__in=[m.group for m in members], status=MeetingStatus.PLANNED,
            date__gte=today, date__lte=horizon).select_related("group")
        lines = [{"date": m.date.isoformat(), "start": m.start_time.strftime("%H:%M"),
                  "title": summary_for(m),
                  "url": reverse("meetings:meeting-detail", args=[m.pk])} for m in meetings]
        user = next((m.user for m in members if m.user_id), None)
        measures = []
        if user is not None:
            measures = _digest_measures(user)
        if not lines and not measures:
            continue
        with transaction.atomic():
            email_enqueue(key=f"digest:{address}:{year}-W{week:02d}", to=address,
                          template="meeting_digest",
                          context={"meetings": lines, "measures": measures,
                                   "week": week, "url": reverse("meetings:my-meetings")})
        queued += 1
    return queued


def _digest_measures(user) -> list[dict]:
    """The user's open measures that they may still see; a sensitive group's
    measure by number and link only (mail leaves Tryggsam)."""
    open_measures = Measure.objects.filter(owner=user, status__in=[
        MeasureStatus.PROPOSED, MeasureStatus.DECIDED, MeasureStatus.IN_PROGRESS])
    return [{"title": measure_mail_title(m),
             "due_date": m.due_date.isoformat() if m.due_date else "",
             "url": reverse("casework:measure-detail", args=[m.pk])}
            for m in measures_visible_to(user, open_measures).order_by("due_date", "id")[:20]]


# ---------------------------------------------------------------- feed

def feed_get_or_create(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def feed_revoke(*, user) -> CalendarFeed:
    """Give the feed a new secret; the old address stops working at once."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
