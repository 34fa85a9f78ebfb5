"""Support numbers (concerns.SupportContact): seeded by migration 0006, shown
as a list with headings and tel: links on the concern intake (/oro/ny/), the
staff form and the referral guidance, and kept up to date by the coordinator
on /oro/stodnummer/ (an edit shows on the pages at once)."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from concerns.models import SupportContact
from concerns.support import support_contacts_shown

from .conftest import triaged_concern

pytestmark = pytest.mark.django_db
seed = importlib.import_module("concerns.migrations.0006_seed_support_contacts")

NUMBERS = {"112": "tel:112", "114 14": "tel:11414", "020-100 200": "tel:020100200",
           "08-527 44 290": "tel:0852744290"}


@pytest.fixture
def seeded(db):
    # the test database holds the migration's rows; run it again (it is
    # idempotent) so that a flushed table (transactional tests) has them too
    seed.seed_support_contacts(apps, None)


def _pages(people):
    concern = triaged_concern(people["coordinator"])
    return [
        (people["coordinator"], reverse("concerns:concern-create")),
        (people["public_health"], reverse("concerns:concern-report")),
        (people["coordinator"], reverse("concerns:referral-create", args=[concern.pk])),
    ]


def test_the_migration_seeds_the_numbers_once_and_keeps_edits(seeded):
    # after: the four numbers and the municipality's switchboard, no placeholder
    contacts = {c.phone: c for c in SupportContact.objects.all()}
    assert set(NUMBERS) <= set(contacts)
    assert "0325-57 60 00" in contacts
    assert not any("X" in phone for phone in contacts)
    assert "9–15" in contacts["08-527 44 290"].hours
    # run again over an edited row: nothing doubled, the edit kept
    SupportContact.objects.filter(phone="112").update(hours="Alltid")
    seed.seed_support_contacts(apps, None)
    assert SupportContact.objects.filter(phone="112").get().hours == "Alltid"
    assert SupportContact.objects.count() == len(contacts)


@pytest.mark.parametrize("page", [0, 1, 2], ids=["intake", "staff-form", "referral"])
def test_each_page_lists_the_numbers_with_tel_links(client, people, seeded, page):
    user, url = _pages(people)[page]
    client.force_login(user)
    body = client.get(url).content.decode()
    # a section with a heading, a list, one heading per number and a tel: link
    section = re.search(r'<section class="panel support-contacts".*?</section>', body, re.S)
    assert section, url
    html = section.group(0)
    assert '<h2 id="support-contacts-heading">Stöd och nummer att ringa</h2>' in html
    assert "<ul" in html and "<h3>Rädda Barnens orostelefon om radikalisering</h3>" in html
    for phone, uri in NUMBERS.items():
        assert f'<a href="{uri}">Ring {phone}</a>' in html


def test_an_edit_by_the_coordinator_shows_on_every_page(client, people, seeded):
    contact = SupportContact.objects.get(phone="020-100 200")
    client.force_login(people["coordinator"])
    response = client.post(reverse("concerns:support-contact-edit", args=[contact.pk]), {
        "name": "Orostelefonen (ny)", "phone": "020-100 201", "hours": "Kl. 10–20",
        "description": "", "order": 1, "shown": "on"})
    assert response.status_code == 302
    for user, url in _pages(people):
        client.force_login(user)
        body = client.get(url).content.decode()
        # the new name, number and hours; the old number gone
        assert "<h3>Orostelefonen (ny)</h3>" in body
        assert '<a href="tel:020100201">Ring 020-100 201</a>, Kl. 10–20' in body
        assert "020-100 200" not in body


def test_a_hidden_number_is_not_shown_and_a_new_one_is(client, people, seeded):
    client.force_login(people["coordinator"])
    contact = SupportContact.objects.get(phone="08-527 44 290")
    client.post(reverse("concerns:support-contact-edit", args=[contact.pk]), {
        "name": contact.name, "phone": contact.phone, "order": 40})
    client.post(reverse("concerns:support-contact-create"), {
        "name": "Socialtjänstens jour", "phone": "+46 325 00 00 00", "order": 5,
        "shown": "on"})
    body = client.get(reverse("concerns:concern-create")).content.decode()
    assert "08-527 44 290" not in body
    assert '<a href="tel:+46325000000">Ring +46 325 00 00 00</a>' in body
    # the new one first (order 5), before 112 (order 10)
    assert body.index("Socialtjänstens jour") < body.index("tel:112")


def test_a_number_without_digits_is_refused_in_swedish_and_the_input_kept(
        client, people, seeded):
    client.force_login(people["coordinator"])
    response = client.post(reverse("concerns:support-contact-create"), {
        "name": "Fel nummer", "phone": "ring oss", "order": 1, "shown": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ange ett telefonnummer med siffror" in body and 'value="Fel nummer"' in body
    assert not SupportContact.objects.filter(name="Fel nummer").exists()


def test_only_the_coordinator_edits_the_numbers(client, people, seeded):
    contact = SupportContact.objects.first()
    for who in ("security", "public_health", "receiver_a", "superuser"):
        client.force_login(people[who])
        # refused, and the number unchanged
        assert client.get(reverse("concerns:support-contact-list")).status_code == 403
        response = client.post(reverse("concerns:support-contact-delete", args=[contact.pk]))
        assert response.status_code == 403
    assert SupportContact.objects.filter(pk=contact.pk).exists()
    client.force_login(people["coordinator"])
    page = client.get(reverse("concerns:support-contact-list"))
    assert page.status_code == 200 and contact.name in page.content.decode()
    assert client.post(reverse("concerns:support-contact-delete", args=[contact.pk])) \
        .status_code == 302
    assert not SupportContact.objects.filter(pk=contact.pk).exists()


def test_the_staff_form_offers_no_edit_link_and_the_intake_does(client, people, seeded):
    edit = reverse("concerns:support-contact-list")
    client.force_login(people["public_health"])
    assert edit not in client.get(reverse("concerns:concern-report")).content.decode()
    client.force_login(people["coordinator"])
    assert edit in client.get(reverse("concerns:concern-create")).content.decode()


def test_the_pages_read_the_numbers_in_one_query(django_assert_num_queries, seeded):
    with django_assert_num_queries(1):
        assert len(support_contacts_shown()) >= 5
