"""Schedules in Swedish: the builder writes the rule, every rule the builder
can write reads back as the same schedule, and the group page shows a
sentence, never the raw rule."""

from datetime import time

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from meetings.models import MeetingSeries
from meetings.schedule import (
    CUSTOM,
    MONTHLY_DATE,
    MONTHLY_WEEKDAY,
    WEEKLY,
    Schedule,
    describe,
    parse,
)

from .conftest import make_series


@pytest.mark.parametrize(("rule", "sentence"), [
    ("FREQ=YEARLY;BYMONTH=4,10;BYDAY=2TH", "andra torsdagen i april och oktober kl. 13.00"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "varannan torsdag kl. 13.00"),
    ("FREQ=WEEKLY;BYDAY=MO", "varje måndag kl. 13.00"),
    ("FREQ=WEEKLY;INTERVAL=3;BYDAY=FR", "var tredje fredag kl. 13.00"),
    ("FREQ=MONTHLY;BYDAY=2TU", "andra tisdagen varje månad kl. 13.00"),
    ("FREQ=YEARLY;BYMONTH=3,6,9;BYDAY=-1WE",
     "sista onsdagen i mars, juni och september kl. 13.00"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "den 15 varje månad kl. 13.00"),
    ("RRULE:FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1", "den 1 i maj och november kl. 13.00"),
    ("FREQ=DAILY", "ett anpassat schema kl. 13.00"),
    ("varannan torsdag", "ett anpassat schema kl. 13.00"),
])
def test_rules_read_as_swedish_sentences(rule, sentence):
    with translation.override("sv"):
        assert describe(rule, time(13, 0)) == sentence


schedules = st.one_of(
    st.builds(Schedule, st.just(WEEKLY), weekday=st.integers(0, 6),
              interval=st.integers(1, 8)),
    st.builds(Schedule, st.just(MONTHLY_WEEKDAY), weekday=st.integers(0, 6),
              ordinal=st.sampled_from([1, 2, 3, 4, -1]),
              months=st.lists(st.integers(1, 12), unique=True).map(lambda m: tuple(sorted(m)))),
    st.builds(Schedule, st.just(MONTHLY_DATE), day=st.integers(1, 31),
              months=st.lists(st.integers(1, 12), unique=True).map(lambda m: tuple(sorted(m)))),
)


@given(schedules)
def test_every_built_rule_reads_back_as_the_same_schedule(schedule):
    assert parse(schedule.rrule()) == schedule
    with translation.override("sv"):
        text = describe(schedule.rrule(), time(9, 0))
    assert "FREQ" not in text and "anpassat" not in text and text.endswith("kl. 09.00")


@pytest.mark.django_db
def test_the_builder_creates_the_series_and_the_group_page_says_it_in_swedish(
        client, chair, group):
    client.force_login(chair)
    response = client.post(reverse("meetings:series-create", args=[group.pk]), {
        "title": "TSK-Unga", "pattern": MONTHLY_WEEKDAY, "weekday": "3", "ordinal": "2",
        "months": ["4", "10"], "interval": "1", "day": "1", "rrule": "",
        "starts_on": "2026-01-01", "ends_on": "2026-12-31", "start_time": "13:00",
        "end_time": "16:00", "holiday_policy": "leave", "reminder_days": "7"})
    assert response.status_code == 302
    series = MeetingSeries.objects.get()
    assert series.rrule == "FREQ=YEARLY;BYMONTH=4,10;BYDAY=2TH"
    assert [m.date.isoformat() for m in series.meetings.order_by("date")] == [
        "2026-04-09", "2026-10-08"]
    page = client.get(reverse("meetings:group-detail", args=[group.pk])).content.decode()
    assert "andra torsdagen i april och oktober kl. 13.00–16.00" in page
    assert "FREQ=" not in page


@pytest.mark.django_db
def test_every_other_week_on_a_weekday(client, chair, group):
    client.force_login(chair)
    client.post(reverse("meetings:series-create", args=[group.pk]), {
        "title": "Avstämning", "pattern": WEEKLY, "weekday": "3", "interval": "2",
        "ordinal": "1", "day": "1", "starts_on": "2026-01-01", "ends_on": "2026-02-28",
        "start_time": "09:00", "end_time": "10:00", "holiday_policy": "leave",
        "reminder_days": "1"})
    series = MeetingSeries.objects.get()
    assert series.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"
    dates = [m.date for m in series.meetings.order_by("date")]
    assert all(day.weekday() == 3 for day in dates)
    gaps = {(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)}
    assert gaps == {14}


@pytest.mark.django_db
def test_a_stored_custom_rule_is_not_shown_raw(client, chair, group):
    make_series(group, rrule="FREQ=WEEKLY;COUNT=4")
    client.force_login(chair)
    page = client.get(reverse("meetings:group-detail", args=[group.pk])).content.decode()
    assert "FREQ=" not in page and "ett anpassat schema" in page


def test_custom_is_a_pattern_of_its_own():
    assert parse("FREQ=WEEKLY;BYDAY=MO,TH") is None
    assert CUSTOM == "custom"


@pytest.mark.django_db
def test_one_meeting_is_one_mote_not_one_moten(client, chair, group):
    client.force_login(chair)
    response = client.post(reverse("meetings:series-create", args=[group.pk]), {
        "title": "Engång", "pattern": WEEKLY, "weekday": "3", "interval": "1",
        "starts_on": "2026-04-09", "ends_on": "2026-04-09", "start_time": "09:00",
        "end_time": "10:00", "holiday_policy": "leave", "reminder_days": "1"}, follow=True)
    assert "Mötesserien skapades med 1 möte." in response.content.decode()
