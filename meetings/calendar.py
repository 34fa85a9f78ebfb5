"""iCalendar (RFC 5545) for meetings: invitations (METHOD:REQUEST/CANCEL) and
the personal subscription feed. Times carry TZID=Europe/Stockholm with a
VTIMEZONE; the UID of a meeting never changes, SEQUENCE rises on each change.
For groups that handle sensitive matters the summary is neutral and nothing
but time, place and a link is included."""

from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Tryggsam//Tranemo kommun//SV"


def summary_for(meeting) -> str:
    if meeting.group.handles_sensitive:
        return _("Meeting (Tryggsam)")
    return meeting.title


def _address(email: str, name: str = "", **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key.replace("_", "-").upper()] = vText(value)
    return address


def _event(meeting, *, attendees=(), cancelled=False) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", summary_for(meeting))
    location = meeting.place or meeting.online_link
    if location:
        event.add("location", location)
    url = settings.SITE_URL + reverse("meetings:meeting-detail", args=[meeting.pk])
    event.add("url", url)
    event.add("description", _("Details and agenda: %(url)s") % {"url": url})
    event.add("status", "CANCELLED" if cancelled or meeting.is_cancelled else "CONFIRMED")
    chair = meeting.group.chair
    organizer_email = (chair.email if chair and chair.email
                       else settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].strip(">").strip())
    organizer_name = (chair.get_full_name() if chair else "") or "Tryggsam"
    event.add("organizer", _address(organizer_email, organizer_name), encode=0)
    for attendee in attendees:
        event.add("attendee", _address(
            attendee.email, attendee.name, role="REQ-PARTICIPANT",
            partstat=_PARTSTAT.get(attendee.response, "NEEDS-ACTION"), rsvp="TRUE",
        ), encode=0)
    return event


_PARTSTAT = {"yes": "ACCEPTED", "no": "DECLINED", "maybe": "TENTATIVE"}


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def meeting_ics(meeting, *, method: str = "REQUEST", attendees=()) -> str:
    """One meeting as an invitation (REQUEST) or cancellation (CANCEL)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _meeting_ics(meeting, method=method, attendees=attendees)


def _meeting_ics(meeting, *, method, attendees) -> str:
    calendar = _calendar(method)
    calendar.add_component(_event(meeting, attendees=attendees, cancelled=method == "CANCEL"))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def feed_ics(meetings, *, name: str) -> str:
    """A subscription feed (no METHOD): no attendees, no agenda, no content."""
    with translation.override(settings.LANGUAGE_CODE):
        return _feed_ics(meetings, name=name)


def _feed_ics(meetings, *, name) -> str:
    calendar = _calendar(None)
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()
