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


def test_the_support_numbers_are_accessible_and_editable(page, make_user, units):
    import importlib

    from django.apps import apps

    # transactional tests flush the table the migration filled: fill it again
    importlib.import_module("concerns.migrations.0006_seed_support_contacts") \
        .seed_support_contacts(apps, None)
    make_user("samordnare", roles=[Role.COORDINATOR])
    browser_login(page, "samordnare", PASSWORD)
    base = page.live_server_url
    page.goto(f"{base}/oro/ny/")
    section = page.get_by_role("region", name="Stöd och nummer att ringa")
    # a list with a heading per number, each a tel: link
    assert section.get_by_role("heading", name="Polisen – akut").is_visible()
    assert section.get_by_role("link", name="Ring 020-100 200").get_attribute("href") \
        == "tel:020100200"
    _assert_accessible(page)
    section.get_by_role("link", name="Ändra stödnumren").click()
    _assert_accessible(page)
    page.get_by_role("link", name="Rädda Barnens orostelefon om radikalisering").click()
    page.fill("#id_hours", "Kl. 10–20")
    _assert_accessible(page)
    page.click("button:has-text('Spara')")
    page.wait_for_selector("text=Stödnumret sparades")
    page.goto(f"{base}/oro/ny/")
    assert "Kl. 10–20" in page.get_by_role("region", name="Stöd och nummer att ringa") \
        .inner_text()
