from datetime import UTC, date, datetime, time
from time import monotonic

import pytest
import time_machine

from core.errors import Invalid
from meetings.models import HolidayPolicy, Meeting, MeetingSeries
from notifications.models import OutgoingEmail

from .conftest import make_series

pytestmark = pytest.mark.django_db


def test_the_lagesbild_series_has_twelve_meetings_a_year(group):
    series = make_series(group, rrule="FREQ=MONTHLY;BYDAY=2TU")
    dates = list(series.meetings.values_list("date", flat=True))
    # one meeting per month, each on the second Tuesday
    assert len(dates) == 12
    assert {d.month for d in dates} == set(range(1, 13))
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in dates)


def test_tsk_unga_meets_two_half_days(group):
    series = make_series(group, rrule="FREQ=YEARLY;BYMONTH=4,10;BYDAY=2TH",
                         start=time(8, 30), end=time(12, 0))
    assert [m.date for m in series.meetings.all()] == [date(2026, 4, 9), date(2026, 10, 8)]


@time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False)
def test_nine_stays_nine_across_both_dst_changes(group):
    # weekly on Mondays around the last Sunday of March (29th) and October (25th)
    make_series(group, rrule="FREQ=WEEKLY;BYDAY=MO", starts_on=date(2026, 3, 16),
                ends_on=date(2026, 11, 2))
    meetings = {m.date: m for m in Meeting.objects.all()}
    before, summer = meetings[date(2026, 3, 23)], meetings[date(2026, 3, 30)]
    autumn_before, winter = meetings[date(2026, 10, 19)], meetings[date(2026, 10, 26)]
    for meeting in (before, summer, autumn_before, winter):
        # the wall clock says 09:00 in Stockholm every time
        assert meeting.starts_at.hour == 9 and meeting.starts_at.minute == 0
    # while the UTC instant moves with the offset
    assert before.starts_at.astimezone(UTC).hour == 8
    assert summer.starts_at.astimezone(UTC).hour == 7
    assert autumn_before.starts_at.astimezone(UTC).hour == 7
    assert winter.starts_at.astimezone(UTC).hour == 8
    # and the reminder the day before is at 08:00 local on the far side of the change
    reminder = OutgoingEmail.objects.filter(key__startswith=f"meeting:{summer.pk}:",
                                            key__contains=":reminder1:").first()
    assert reminder.due_at == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)


@time_machine.travel(datetime(2026, 10, 24, 12, 0, tzinfo=UTC), tick=False)
def test_after_the_clock_change_the_meeting_is_still_at_nine(group):
    meeting = make_series(group, rrule="FREQ=WEEKLY;BYDAY=MO", starts_on=date(2026, 10, 1),
                          ends_on=date(2026, 10, 31)).meetings.get(date=date(2026, 10, 26))
    with time_machine.travel(datetime(2026, 10, 26, 7, 30, tzinfo=UTC), tick=False):
        from django.utils import timezone
        # 07:30 UTC is 08:30 local on Monday: the meeting is half an hour away
        assert (meeting.starts_at - timezone.now()).total_seconds() == 30 * 60


def test_a_friday_series_is_flagged_on_midsommarafton(group):
    series = make_series(group, rrule="FREQ=WEEKLY;BYDAY=FR", starts_on=date(2026, 6, 1),
                         ends_on=date(2026, 6, 30))
    flagged = series.meetings.get(original_date=date(2026, 6, 19))
    # left for the chair (default policy): flagged, still on the eve
    assert flagged.holiday_name == "Midsommarafton"
    assert flagged.date == date(2026, 6, 19) and flagged.needs_moving
    assert series.meetings.exclude(holiday_name="").count() == 1


def test_the_move_policy_puts_it_on_the_next_working_day(group):
    series = make_series(group, rrule="FREQ=WEEKLY;BYDAY=FR", starts_on=date(2026, 6, 1),
                         ends_on=date(2026, 6, 30), holiday_policy=HolidayPolicy.MOVE)
    moved = series.meetings.get(original_date=date(2026, 6, 19))
    # midsommardagen is Saturday, so Monday 22 June
    assert moved.date == date(2026, 6, 22) and not moved.needs_moving
    assert moved.holiday_name == "Midsommarafton"


@pytest.mark.parametrize("rule,code", [
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "rrule_none"),
    ("FREQ=DAILY", "rrule_many"),
    ("FREQ=MINUTELY", "rrule_many"),
    ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "rrule_many"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "rrule_none"),
    ("FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31", "rrule_none"),
    ("NONSENSE", "rrule"),
    ("", "rrule"),
])
def test_bad_rules_are_rejected_and_nothing_saved(group, rule, code):
    started = monotonic()
    with pytest.raises(Invalid) as error:
        make_series(group, rrule=rule)
    # a rule that can never match is given up on quickly, not scanned to year 9999
    assert monotonic() - started < 5
    assert error.value.code == code
    assert not MeetingSeries.objects.exists() and not Meeting.objects.exists()


def test_end_before_start_is_rejected(group):
    with pytest.raises(Invalid) as error:
        make_series(group, starts_on=date(2026, 6, 1), ends_on=date(2026, 5, 1))
    assert "Det sista datumet får inte vara före det första." in error.value.messages
    with pytest.raises(Invalid):
        make_series(group, start=time(10, 0), end=time(9, 0))
    assert not MeetingSeries.objects.exists()
