"""Planning an attendee's mail and the signed links in it.

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
from django.urls import reverse
from django.utils import timezone, translation

from notifications.models import OutgoingEmail
from notifications.services import email_enqueue, email_withdraw

from .calendar import meeting_ics, summary_for
from .models import Attendee, Delivery, Meeting, Membership

# Invitations go out at most this long before the meeting.
INVITE_LEAD = timedelta(days=45)
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


def mail_context(meeting: Meeting, attendee: Attendee, kind: str, **extra) -> dict:
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


def mail_key(meeting: Meeting, attendee: Attendee, kind: str) -> str:
    return f"meeting:{meeting.pk}:{attendee.pk}:{kind}:{meeting.sequence}"


def plan_attendee_mail(meeting: Meeting, attendee: Attendee, *, invite_now: bool) -> None:
    """The invitation (due at once, or INVITE_LEAD before the meeting) and the
    reminders at the series' reminder time, N days before (local time)."""
    now = timezone.now()
    if meeting.is_cancelled or meeting.starts_at <= now:
        return
    ics = meeting_ics(meeting, method="REQUEST", attendees=[attendee])
    invite_due = now if invite_now else max(now, meeting.starts_at - INVITE_LEAD)
    kind = "invite" if meeting.sequence == 0 else "update"
    email_enqueue(key=mail_key(meeting, attendee, "invite"), to=attendee.email,
                  template="meeting_notice", context=mail_context(meeting, attendee, kind),
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
        row = email_enqueue(key=mail_key(meeting, attendee, f"reminder{days}"),
                            to=attendee.email, template="meeting_notice",
                            context=mail_context(meeting, attendee, "reminder", days=days),
                            due_at=due, calendar=ics)
        if row.status == OutgoingEmail.Status.WITHDRAWN:
            # Withdrawn by a change of preference and wanted again.
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=OutgoingEmail.Status.PENDING, due_at=due)



def withdraw_non_essential(attendee: Attendee) -> None:
    prefix = f"meeting:{attendee.meeting_id}:{attendee.pk}:"
    keys = [key for key in OutgoingEmail.objects.filter(
        key__startswith=prefix, status=OutgoingEmail.Status.PENDING,
    ).values_list("key", flat=True) if ":reminder" in key or ":agenda:" in key]
    email_withdraw(keys=keys)

