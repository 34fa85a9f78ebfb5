"""The map in a real browser: without tiles it draws the locality outlines,
walk places and measures (Leaflet's SVG paths), nothing is blocked by the
Content-Security-Policy, and the list alternative shows the same items. The
report form's "Använd min position" fills the fields from geolocation."""

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations, browser_login

from .conftest import positioned_measure, walk_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mapped(est_people):
    walk_place("Gångtunneln")
    positioned_measure(est_people, "Ny belysning")
    return est_people


def _csp_errors(page) -> list[str]:
    errors = []
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    return errors


def test_the_map_draws_outlines_and_places_without_tiles(page, mapped, settings):
    settings.MAP_TILE_URL = ""
    blocked = _csp_errors(page)
    browser_login(page, "t_samordnare", "correct horse battery")
    page.goto(f"{page.live_server_url}/karta/")
    # 13 locality outlines + one walk place + one measure, as SVG paths
    # (expect polls without eval, which the page's CSP forbids)
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(15)
    assert page.locator("#map img.leaflet-tile").count() == 0
    assert page.locator(".leaflet-tooltip", has_text="Tranemo (0)").count() == 1
    # the no-JavaScript fallback is gone; the map is a described region
    assert page.locator(".map-fallback").count() == 0
    assert page.locator("#map").get_attribute("aria-describedby") == "map-description"
    # a popup names the place, built as text
    page.locator("#map path.leaflet-interactive").last.click(force=True)
    assert page.locator(".leaflet-popup-content").inner_text() != ""
    assert blocked == []
    assert axe_violations(page) == []
    # the list alternative, one link away
    page.get_by_role("link", name="Visa samma uppgifter som lista").first.click()
    page.wait_for_selector("h1:has-text('Kartan som lista')")
    assert page.locator("#localities-caption").count() == 1
    assert "Gångtunneln" in page.locator("main").inner_text()
    assert "Ny belysning" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_use_my_position_fills_the_report_form(chromium, live_server, est_people):
    context = chromium.new_context(locale="sv-SE", timezone_id="Europe/Stockholm",
                                   geolocation={"latitude": 57.4851, "longitude": 13.3532},
                                   permissions=["geolocation"])
    page = context.new_page()
    page.set_default_timeout(15000)
    page.live_server_url = live_server.url
    try:
        browser_login(page, "t_rapportor", "correct horse battery")
        page.goto(f"{live_server.url}/rapporter/ny/")
        button = page.get_by_role("button", name="Använd min position")
        button.click()
        expect(page.locator("#id_latitude")).to_have_value("57.485100")
        expect(page.locator("#id_longitude")).to_have_value("13.353200")
        assert "Din position är ifylld" in page.locator("#position-tools").inner_text()
    finally:
        context.close()
