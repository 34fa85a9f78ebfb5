"""The menu is grouped by task: at 1366 px and at 390 px every entry is
reachable without scrolling sideways, by mouse and by keyboard, and axe finds
no serious problem with it open."""

import pytest

from accounts.roles import Role
from tests.support.browser import axe_violations, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The most a real person is given: the coordinator who also reports, reviews
# the access log and administers the installation.
HEAVIEST = {"roles": [Role.COORDINATOR, Role.REPORTER, Role.LOG_REVIEWER],
            "is_staff": True}


def _no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _menu_links_reachable(page) -> list[str]:
    """Open each group in turn; return the labels of links that are not fully
    inside the viewport once their group is open (should be none)."""
    outside = []
    groups = page.locator("nav.site-nav details")
    for index in range(groups.count()):
        group = groups.nth(index)
        group.locator("summary").click()
        assert group.get_attribute("open") is not None
        assert _no_sideways_scrolling(page)
        outside += _outside(page, group.locator("a"))
        group.locator("summary").click()
    outside += _outside(page, page.locator("nav.site-nav .nav-top > li > a"))
    return outside


def _outside(page, links) -> list[str]:
    width = page.evaluate("window.innerWidth")
    found = []
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width:
            found.append(links.nth(index).inner_text())
    return found


@pytest.mark.parametrize("width", [1366, 390])
def test_the_heaviest_menu_fits_and_every_entry_is_reachable(chromium, live_server, make_user,
                                                             width):
    make_user("samordnare", **HEAVIEST)
    context = chromium.new_context(locale="sv-SE", timezone_id="Europe/Stockholm",
                                   viewport={"width": width, "height": 900})
    page = context.new_page()
    page.live_server_url = live_server.url
    try:
        browser_login(page, "samordnare", "correct horse battery")
        page.wait_for_url(f"{live_server.url}/")
        assert _no_sideways_scrolling(page)
        summaries = page.locator("nav.site-nav summary").all_inner_texts()
        assert summaries == ["EST", "Våldsbejakande extremism", "Möten och vandringar",
                             "Granskning"]
        top = page.locator("nav.site-nav .nav-top > li > a").all_inner_texts()
        assert top[:2] == ["Start", "Ny rapport"] and "Inkorg" in top
        assert _menu_links_reachable(page) == []
        if width == 1366:
            # one line of menu at desktop width
            heights = page.evaluate(
                "[...document.querySelectorAll('nav.site-nav .nav-top > li')]"
                ".map(li => li.getBoundingClientRect().top)")
            assert len(set(heights)) == 1
    finally:
        context.close()


def test_a_group_opens_and_is_walked_by_keyboard(page, make_user):
    make_user("samordnare", **HEAVIEST)
    browser_login(page, "samordnare", "correct horse battery")
    page.wait_for_url(f"{page.live_server_url}/")
    summary = page.locator("nav.site-nav summary", has_text="EST")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("nav.site-nav details").first.get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Ärenden"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{page.live_server_url}/arenden/")
    # the open page is marked in its group, for screen readers too
    current = page.locator("nav.site-nav [aria-current=page]")
    assert current.text_content() == "Ärenden"
    summary = page.locator("nav.site-nav summary", has_text="EST")
    summary.click()
    assert axe_violations(page) == []


def test_a_municipal_reporter_gets_plain_links_and_no_groups(phone_page, make_user):
    """A group with one entry for this user (raising a concern) is a plain link."""
    make_user("rapportor", roles=[Role.REPORTER])
    browser_login(phone_page, "rapportor", "correct horse battery")
    phone_page.wait_for_url(f"{phone_page.live_server_url}/")
    assert phone_page.locator("nav.site-nav details").count() == 0
    assert phone_page.locator("nav.site-nav a").all_inner_texts() == [
        "Start", "Ny rapport", "Mina rapporter", "Anmäl oro"]
    assert _no_sideways_scrolling(phone_page)
