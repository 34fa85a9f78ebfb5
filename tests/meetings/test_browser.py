"""In a real browser: the chair prepares the next meeting; axe on the pages."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from notifications.models import OutgoingEmail
from tests.support.browser import axe_violations, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def upcoming(group):
    start = timezone.localdate() + timedelta(days=2)
    services.series_create(group=group, title="Testgruppens möte",
                           rrule="FREQ=WEEKLY;COUNT=4", starts_on=start,
                           ends_on=start + timedelta(days=60), start_time=time(9, 0),
                           end_time=time(10, 30), place="Kommunhuset")
    return group.meetings.order_by("date").first()


def test_the_chair_opens_the_next_meeting_edits_the_agenda_and_sends_it(page, chair, group,
                                                                        upcoming):
    browser_login(page, chair.username, "correct horse battery")
    page.goto(f"{page.live_server_url}/arbetsgrupper/{group.pk}/")
    # the group page links the next meeting
    page.get_by_role("link", name=f"{upcoming.date:%Y-%m-%d} 09:00").click()
    page.get_by_role("link", name="Dagordning", exact=True).click()
    agenda = page.get_by_label("Dagordning")
    # the drafted agenda is there to edit
    assert "Mötets öppnande" in agenda.input_value()
    agenda.fill(agenda.input_value() + "7. Information från polisen\n")
    page.get_by_role("button", name="Spara och skicka till medlemmarna").click()
    page.get_by_text("Dagordningen skickades till medlemmarna.").wait_for()
    assert "Information från polisen" in page.locator("main").inner_text()
    meeting = Meeting.objects.get(pk=upcoming.pk)
    assert meeting.agenda_sent_at is not None
    assert OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:",
                                        key__contains=":agenda:").count() == 3


def test_group_meeting_and_year_pages_have_no_serious_axe_violations(page, chair, group,
                                                                      upcoming):
    browser_login(page, chair.username, "correct horse battery")
    year = upcoming.date.year
    for path in (f"/arbetsgrupper/{group.pk}/", f"/moten/{upcoming.pk}/",
                 f"/arbetsgrupper/{group.pk}/ar/{year}/", "/arbetsgrupper/",
                 f"/moten/{upcoming.pk}/dagordning/", "/moten/"):
        page.goto(f"{page.live_server_url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_the_chair_builds_a_schedule_in_swedish(page, chair, group):
    """The schedule builder: the Nth weekday of chosen months, by labels only."""
    browser_login(page, chair.username, "correct horse battery")
    page.goto(f"{page.live_server_url}/arbetsgrupper/{group.pk}/serier/ny/")
    page.get_by_label("Första, andra … eller sista veckodagen i valda månader").check()
    page.get_by_label("Veckodag", exact=True).select_option(label="torsdag")
    page.get_by_label("Vilken i månaden", exact=True).select_option(label="andra")
    page.get_by_label("april", exact=True).check()
    page.get_by_label("oktober", exact=True).check()
    page.get_by_label("Första datum").fill("2026-01-01")
    page.get_by_label("Sista datum").fill("2026-12-31")
    page.get_by_label("Starttid").fill("13:00")
    page.get_by_label("Sluttid").fill("16:00")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Skapa mötesserien").click()
    page.get_by_text("Mötesserien skapades med 2 möten.").wait_for()
    page.goto(f"{page.live_server_url}/arbetsgrupper/{group.pk}/")
    assert "andra torsdagen i april och oktober kl. 13.00–16.00" in page.locator(
        "main").inner_text()
