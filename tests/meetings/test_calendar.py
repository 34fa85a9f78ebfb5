from datetime import UTC, date, datetime, time

import pytest
import time_machine
from icalendar import Calendar

from meetings import services
from meetings.calendar import feed_ics, meeting_ics
from meetings.models import CalendarFeed
from notifications.models import OutgoingEmail

from .conftest import make_series

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _parse(text):
    calendar = Calendar.from_ical(text)
    # a VTIMEZONE for Stockholm rides along
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    return calendar


@time_machine.travel(NOW, tick=False)
def test_every_planned_ics_parses_with_uid_sequence_and_local_start(group):
    series = make_series(group)
    meetings = {m.pk: m for m in series.meetings.all()}
    emails = OutgoingEmail.objects.exclude(calendar="")
    assert emails.count() == 12 * 3 * 3  # invitation + two reminders per attendee
    for email in emails:
        calendar = _parse(email.calendar)
        assert str(calendar["METHOD"]) == "REQUEST"
        [event] = calendar.walk("VEVENT")
        meeting = meetings[int(email.key.split(":")[1])]
        assert str(event["UID"]) == meeting.uid
        assert int(event["SEQUENCE"]) == 0
        assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
        start = event.decoded("DTSTART")
        assert (start.date(), start.hour, start.minute) == (meeting.date, 9, 0)
        assert str(event["ORGANIZER"]) == "mailto:ordforande@example.org"
        [attendee] = event.get("ATTENDEE") if isinstance(event.get("ATTENDEE"), list) else \
            [event.get("ATTENDEE")]
        assert str(attendee) == f"mailto:{email.to_email}"


@time_machine.travel(NOW, tick=False)
def test_the_uid_is_stable_and_the_sequence_rises_on_each_change(group):
    meeting = make_series(group).meetings.first()
    first = Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")[0]
    moved = services.meeting_move(meeting=meeting, date=date(2026, 1, 14),
                                  start_time=time(9, 0), end_time=time(10, 0))
    moved_again = services.meeting_move(meeting=moved, date=date(2026, 1, 15),
                                        start_time=time(9, 0), end_time=time(10, 0))
    cancelled = services.meeting_cancel(meeting=moved_again)
    events = [Calendar.from_ical(meeting_ics(m, method=method)).walk("VEVENT")[0]
              for m, method in ((moved, "REQUEST"), (moved_again, "REQUEST"),
                                (cancelled, "CANCEL"))]
    assert {str(e["UID"]) for e in [first, *events]} == {meeting.uid}
    assert [int(e["SEQUENCE"]) for e in [first, *events]] == [0, 1, 2, 3]
    assert str(events[-1]["STATUS"]) == "CANCELLED"


@time_machine.travel(NOW, tick=False)
def test_sensitive_invitations_have_a_neutral_summary(sensitive_group):
    meeting = make_series(sensitive_group).meetings.first()
    event = Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Möte (Tryggsam)"
    assert "Lägesbild" not in meeting_ics(meeting)


@time_machine.travel(NOW, tick=False)
def test_the_personal_feed_lists_my_meetings_and_can_be_revoked(client, group, member,
                                                                  sensitive_group):
    make_series(group)
    make_series(sensitive_group, rrule="FREQ=MONTHLY;BYDAY=3TH")
    feed = services.feed_get_or_create(user=member)
    response = client.get(f"/kalender/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = _parse(response.content)
    events = calendar.walk("VEVENT")
    # both groups' meetings in the next year, the sensitive one without its name
    assert len(events) == 24
    assert "Lägesbild" not in response.content.decode()
    assert "METHOD" not in calendar
    old = feed.token
    services.feed_revoke(user=member)
    # the old address stops working at once
    assert client.get(f"/kalender/{old}.ics").status_code == 404
    new = CalendarFeed.objects.get(user=member).token
    assert client.get(f"/kalender/{new}.ics").status_code == 200


def test_a_feed_without_meetings_is_still_valid():
    calendar = Calendar.from_ical(feed_ics([], name="Mina möten"))
    assert calendar.walk("VEVENT") == []
