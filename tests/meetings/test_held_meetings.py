from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from core.errors import Invalid
from meetings import services
from tests.meetings.conftest import make_series

pytestmark = pytest.mark.django_db

BEFORE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
AFTER = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


def _series(group):
    # Second Tuesday of March and April 2026: 2026-03-10 and 2026-04-14, 09:00–10:00
    with time_machine.travel(BEFORE, tick=False):
        return make_series(group, starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 30),
                           start=time(9, 0), end=time(10, 0))


def test_minutes_cannot_be_approved_before_the_meeting_starts(client, chair, group):
    meeting = _series(group).meetings.order_by("date").first()
    client.force_login(chair)
    url = reverse("meetings:meeting-minutes", args=[meeting.pk])
    with time_machine.travel(BEFORE, tick=False):
        # Not offered, and refused when posted anyway; a draft can be saved
        assert 'value="approve"' not in client.get(url).content.decode()
        response = client.post(url, {"minutes": "Förberett.", "action": "approve"})
        assert response.status_code == 400
        assert "först när mötet har börjat" in response.content.decode()
        with pytest.raises(Invalid):
            services.meeting_minutes_save(meeting=meeting, minutes="x", approve=True)
        assert client.post(url, {"minutes": "Förberett.", "action": "save"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_approved_at is None
    with time_machine.travel(AFTER, tick=False):
        assert client.post(url, {"minutes": "Vi beslutade.",
                                 "action": "approve"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_approved_at is not None


def test_past_meetings_show_as_held_or_without_minutes(client, chair, group):
    march, april = _series(group).meetings.order_by("date")
    client.force_login(chair)
    url = reverse("meetings:group-year", args=[group.pk, 2026])
    with time_machine.travel(AFTER, tick=False):
        body = client.get(url).content.decode()
        # The March meeting is over with no minutes; April is still planned
        assert "Ej protokollfört" in body
        assert "Planerat" in body
        services.meeting_minutes_save(meeting=march, minutes="Kort protokoll.")
        body = client.get(url).content.decode()
        assert "Genomfört" in body and "Ej protokollfört" not in body


def test_moving_a_meeting_to_a_holiday_asks_for_confirmation(client, chair, group):
    meeting = _series(group).meetings.order_by("date").first()
    client.force_login(chair)
    url = reverse("meetings:meeting-move", args=[meeting.pk])
    data = {"date": "2026-04-06", "start_time": "09:00", "end_time": "10:00", "place": ""}
    with time_machine.travel(BEFORE, tick=False):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Annandag påsk" in response.content.decode()
        assert client.post(url, {**data, "confirm_holiday": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == date(2026, 4, 6)
