"""On a phone (390×844): a reporter submits a report, the samordnare finds it
in the inbox and opens a case. axe finds no serious or critical violation on
the form and the inbox."""

import pytest

from accounts.roles import Role
from casework.models import Report
from tests.support.browser import axe_violations, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_on_a_phone_then_triage_in_the_inbox(phone_page, make_user):
    from accounts.models import Organisation
    police = Organisation.objects.create(name="Polisen", kind=Organisation.Kind.POLICE)
    make_user("mobilpolis", roles=[Role.POLICE, Role.REPORTER], organisation=police)
    make_user("mobilsamordnare", roles=[Role.COORDINATOR])
    page = phone_page
    base = page.live_server_url

    browser_login(page, "mobilpolis", "correct horse battery")
    page.goto(f"{base}/rapporter/ny/")
    assert axe_violations(page) == []
    page.select_option("#id_category", label="Klotter")
    page.select_option("#id_locality", label="Uddebo")
    page.fill("#id_place", "Skolgården")
    page.fill("#id_occurred_on", "2026-11-20")
    page.fill("#id_description", "Nytt klotter på skolans gavel.")
    page.click("button[type=submit] >> text=Skicka rapport")
    page.wait_for_selector("text=Tack! Din rapport har diarienummer")
    report = Report.objects.get()
    assert report.reference in page.content()
    # No horizontal scrolling on the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.click("text=Logga ut")
    browser_login(page, "mobilsamordnare", "correct horse battery")
    page.goto(f"{base}/inkorg/")
    page.wait_for_selector(f"text={report.reference}")
    assert axe_violations(page) == []
    page.click(f"text={report.reference}")
    page.click("button:has-text('Ta uppgiften')")
    page.wait_for_selector("text=Uppgiften är din.")
    page.check("input[value=open_case]")
    page.click("button:has-text('Besluta')")
    page.wait_for_selector("text=Tidslinje")
    report.refresh_from_db()
    assert report.case is not None
    assert report.case.reference in page.content()
