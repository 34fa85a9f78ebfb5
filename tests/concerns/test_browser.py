"""Browser: the coordinator refers, social services acknowledges, the
coordinator sees the kvittens. axe finds nothing serious on these pages."""

import pytest

from accounts.roles import Role
from concerns.models import Referral
from tests.support.browser import axe_violations, browser_login

from .conftest import PASSWORD, triaged_concern

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.click("button:has-text('Logga ut')")


def _assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_refer_acknowledge_and_see_the_kvittens(page, make_user, units):
    from accounts.models import Organisation

    ifo = Organisation.objects.create(name="IFO test", kind=Organisation.Kind.SOCIAL_SERVICES,
                                      parent=Organisation.objects.create(
                                          name="Soc test",
                                          kind=Organisation.Kind.SOCIAL_SERVICES))
    coordinator = make_user("samordnare", roles=[Role.COORDINATOR])
    make_user("socialtjanst", roles=[Role.SOCIAL_SERVICES], organisation=ifo,
              first_name="Erik", last_name="Mottagare")
    concern = triaged_concern(coordinator)
    base = page.live_server_url

    browser_login(page, "samordnare", PASSWORD)
    page.goto(f"{base}/oro/")
    _assert_accessible(page)
    page.click(f"text={concern.reference}")
    _assert_accessible(page)
    page.click("text=Remittera till socialtjänsten")
    page.select_option("#id_kind", "support")
    page.select_option("#id_receiver_unit", label="IFO test")
    page.select_option("#id_receiver_user", label="Erik Mottagare")
    page.fill("#id_message", "Behöver stödsamtal")
    _assert_accessible(page)
    page.click("button:has-text('Skicka remiss')")
    page.wait_for_selector("text=Remissen skickad")
    assert page.locator("td.kvittens").first.inner_text().strip() == "Väntar på kvittens"
    _logout(page)

    browser_login(page, "socialtjanst", PASSWORD)
    page.goto(f"{base}/remisser/")
    _assert_accessible(page)
    page.click(f"text={concern.reference}")
    page.check("input[name=decision][value=accept]")
    _assert_accessible(page)
    page.click("button:has-text('Skicka kvittens')")
    page.wait_for_selector("text=Kvittensen skickad")
    # The concern itself stays out of reach for the receiver.
    response = page.goto(f"{base}/oro/{concern.pk}/")
    assert response.status == 404
    _logout(page)

    browser_login(page, "samordnare", PASSWORD)
    page.goto(f"{base}/oro/{concern.pk}/")
    assert "Accepterad" in page.locator("td.kvittens").first.inner_text()
    assert Referral.objects.get().status == "accepted"


def test_the_staff_form_is_accessible(page, make_user, units):
    make_user("rapportor", roles=[Role.REPORTER])
    browser_login(page, "rapportor", PASSWORD)
    page.goto(f"{page.live_server_url}/oro/anmal/")
    _assert_accessible(page)
    page.fill("#id_subject_personnummer", "19121212-1213")
    page.click("button:has-text('Skicka till samordnaren')")
    page.wait_for_selector(".error-summary")
    _assert_accessible(page)
