"""At 390 px the inbox, the measures and the access log are readable: the page
never scrolls sideways, and a table wider than the screen scrolls inside its
own region, which has a name and can be reached and scrolled by keyboard."""

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from casework.models import Measure
from tests.factories.casework import make_report, triage_task
from tests.support.browser import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Trasig belysning längs gång- och cykelvägen mellan skolan och idrottshallen"


def test_tables_fit_a_phone_without_sideways_scrolling(phone_page, make_user):
    page = phone_page
    make_user("samordnare", roles=[Role.COORDINATOR, Role.LOG_REVIEWER])
    reporter = make_user("rapportor", roles=[Role.REPORTER])
    triage_task(make_report(reporter, place=LONG))
    organisation = Organisation.objects.create(name="Samhällsbyggnadsförvaltningen")
    Measure.objects.create(title=LONG, owner_organisation=organisation)
    browser_login(page, "samordnare", "correct horse battery")
    page.wait_for_url(f"{page.live_server_url}/")
    for path in ("/inkorg/?vy=queue", "/atgarder/", "/logg/"):
        page.goto(page.live_server_url + path)
        # The page itself never scrolls sideways
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"), path
        region = page.locator(".table-wrap").first
        # The table's region is named by its caption and reachable by keyboard
        assert region.get_attribute("role") == "region", path
        assert region.get_attribute("tabindex") == "0", path
        caption_id = region.get_attribute("aria-labelledby")
        assert caption_id and page.locator(f"#{caption_id}").inner_text().strip(), path
        # Nothing in it sticks out of the screen: wide tables scroll inside it
        box = region.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, path
