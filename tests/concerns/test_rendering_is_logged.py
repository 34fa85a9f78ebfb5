"""Every rendering of a concern or a referral writes its `read` row: on GET,
on a POST re-rendered with form errors, and on a POST refused by the service
(409). Nothing of the person reaches the application log lines."""

import logging

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from tests.concerns.conftest import SUBJECT, referred, triaged_concern
from tests.support.refuse import refuse_inserts

pytestmark = pytest.mark.django_db

SECRETS = ("Testa Testsson", "19121212", "121212-1212", "Hemlig")


def _reads(obj, object_type):
    return AccessLogEntry.objects.filter(action="read", object_type=object_type,
                                         object_id=obj.pk)


def _assert_no_secrets_in(caplog):
    text = caplog.text + " ".join(str(record.args) for record in caplog.records)
    for secret in SECRETS:
        assert secret not in text


def test_an_invalid_decision_on_a_referral_is_a_logged_read(client, people, caplog):
    caplog.set_level(logging.DEBUG)
    _, referral = referred(people["coordinator"], people["receiver_a"])
    client.force_login(people["receiver_a"])
    response = client.post(reverse("concerns:referral-detail", args=[referral.pk]),
                           {"form": "answer", "decision": "kanske"})
    # The page comes back with its errors and with the person on it...
    assert response.status_code == 400
    assert SUBJECT["subject_name"] in response.content.decode()
    # ...so the showing is logged as a read on the receiver's basis.
    rows = list(_reads(referral, "referral").values_list("username", "basis",
                                                         "object_reference"))
    assert rows == [("soc_a", "receiver", referral.reference)]
    _assert_no_secrets_in(caplog)


def test_a_referral_answered_twice_is_refused_and_the_page_logged(client, people):
    _, referral = referred(people["coordinator"], people["receiver_a"])
    client.force_login(people["receiver_a"])
    url = reverse("concerns:referral-detail", args=[referral.pk])
    assert client.post(url, {"form": "answer", "decision": "accept"}).status_code == 302
    # The second answer is refused by the service (409) and the page re-rendered.
    again = client.post(url, {"form": "answer", "decision": "accept"})
    assert again.status_code == 409
    assert _reads(referral, "referral").count() == 1


def test_reading_a_referral_writes_one_row_per_page(client, people):
    _, referral = referred(people["coordinator"], people["receiver_a"])
    client.force_login(people["receiver_a"])
    client.get(reverse("concerns:referral-detail", args=[referral.pk]))
    client.get(reverse("concerns:referral-detail", args=[referral.pk]))
    # One row per rendering, no more (the getter no longer logs on its own).
    assert _reads(referral, "referral").count() == 2


@pytest.mark.parametrize("name,data", [
    ("concerns:concern-triage", {"urgency": "inte-en-niva"}),
    ("concerns:referral-create", {"kind": "inte-en-sort"}),
    ("concerns:concern-police", {"handed_on": "inte-ett-datum"}),
    ("concerns:concern-no-action", {}),
    ("concerns:concern-close", {"outcome": "inte-ett-utfall"}),
])
def test_an_invalid_form_on_a_concern_is_a_logged_read(client, people, caplog, name, data):
    caplog.set_level(logging.DEBUG)
    concern = triaged_concern(people["coordinator"])
    client.force_login(people["deputy"])
    response = client.post(reverse(name, args=[concern.pk]), data)
    # Re-rendered with errors, and logged as the deputy's read.
    assert response.status_code == 400
    assert concern.reference in response.content.decode()
    assert list(_reads(concern, "concern").values_list("username", "basis")) == [
        ("ersattare", "deputy")]
    _assert_no_secrets_in(caplog)


def test_reopening_an_open_concern_is_refused_and_the_page_logged(client, people):
    concern = triaged_concern(people["coordinator"])
    client.force_login(people["coordinator"])
    response = client.post(reverse("concerns:concern-reopen", args=[concern.pk]))
    # Not closed, so the service refuses; the error page names the concern.
    assert response.status_code == 409
    assert concern.reference in response.content.decode()
    assert _reads(concern, "concern").count() == 1


def test_an_invalid_post_shows_nothing_when_the_log_cannot_be_written(client, people):
    _, referral = referred(people["coordinator"], people["receiver_a"])
    refuse_inserts("audit_accesslogentry")
    client.force_login(people["receiver_a"])
    response = client.post(reverse("concerns:referral-detail", args=[referral.pk]),
                           {"form": "answer", "decision": "kanske"})
    # Fail closed: no row, no page.
    assert response.status_code == 503
    body = response.content.decode()
    assert SUBJECT["subject_name"] not in body and "1212" not in body
