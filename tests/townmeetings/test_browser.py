"""Planning a trygghetsmöte in a real browser: the form, the programme and
the announcement texts ready to copy, with no serious axe violations."""

import pytest

from accounts.roles import Role
from casework.models import Locality
from tests.support.browser import axe_violations, browser_login
from townmeetings.models import TownMeeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def planner(make_user):
    return make_user("webb-tm-samordnare", roles=[Role.COORDINATOR])


def test_the_coordinator_plans_a_meeting_through_the_form(page, planner):
    browser_login(page, "webb-tm-samordnare", "correct horse battery")
    page.goto(f"{page.live_server_url}/trygghetsmoten/")
    page.click("text=Planera ett trygghetsmöte")
    page.wait_for_selector("h1:has-text('Planera ett trygghetsmöte')")
    assert axe_violations(page) == []
    page.select_option("#id_locality", label="Uddebo")
    page.fill("#id_date", "2027-05-04")
    page.fill("#id_venue", "Uddebo bygdegård")
    page.fill("#id_invited_experts", "Fritidschefen")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_selector("h1:has-text('Trygghetsmöte i Uddebo 2027-05-04')")
    meeting = TownMeeting.objects.get(locality=Locality.objects.get(name="Uddebo"))
    # The programme and the three texts, labelled and ready to copy.
    evening = page.locator("table.programme").nth(1)
    assert "Kväll 18–20" in evening.locator("caption").inner_text()
    assert "Sammanfattning av eftermiddagen" in evening.inner_text()
    web = page.get_by_label("Text för kommunens webbplats")
    assert "Trygghetsmöte i Uddebo" in web.input_value()
    assert "Särskilt inbjudna: Fritidschefen" in web.input_value()
    assert page.get_by_label("Tidningsannons").input_value().startswith("TRYGGHETSMÖTE I UDDEBO")
    assert meeting.announcement_social in page.get_by_label("Text för sociala medier").input_value()
    assert axe_violations(page) == []
    # The coverage page counts Uddebo as planned.
    page.goto(f"{page.live_server_url}/trygghetsmoten/")
    row = page.locator("#coverage tr", has_text="Uddebo")
    assert "Planerat" in row.inner_text()
