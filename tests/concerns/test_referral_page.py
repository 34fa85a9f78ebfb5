"""The referral page's one statement (concerns/referral_page.py): the same
access rule as `referral_basis`, the read row written by the statement that
reads, nothing shown when that row cannot be written, and the kept facts
never stale."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from accounts.roles import Role
from audit.models import AccessLogEntry
from audit.services import AuditUnavailable
from concerns.access import referral_basis
from concerns.models import Referral
from concerns.referral_page import referral_page_for
from tests.support.refuse import refuse_inserts

from .conftest import SUBJECT, referred

pytestmark = pytest.mark.django_db


def _request(user, pk):
    request = RequestFactory().get(f"/remisser/{pk}/")
    request.user = user
    return request


def _logged(referral):
    return list(AccessLogEntry.objects.filter(object_type="referral", object_id=referral.pk)
                .order_by("pk").values_list("username", "action", "basis"))


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_the_statement_grants_exactly_what_referral_basis_grants(people, units, make_user,
                                                                 monkeypatch, vendor):
    # "sqlite": the ORM read and access_log_write that `make run` uses
    monkeypatch.setattr(connection, "vendor", vendor)
    _c, personal = referred(people["coordinator"], people["receiver_a"])
    to_unit = Referral.objects.create(
        concern=personal.concern, kind=personal.kind, receiver_unit=units["ifo"],
        message="Till enheten", due_on=personal.due_on)
    closed = make_user("stangd", roles=[Role.COORDINATOR], is_active=False)
    users = [*people.values(), closed,
             make_user("ifo_utan_roll", organisation=units["ifo"]),
             make_user("ifo_soc2", roles=[Role.SOCIAL_SERVICES], organisation=units["ifo"])]
    for user in users:
        for referral in (personal, to_unit):
            before = AccessLogEntry.objects.count()
            basis = referral_basis(user, referral) if user.is_active else "none"
            if basis == "none":
                with pytest.raises(Http404):
                    referral_page_for(user=user, pk=referral.pk, request=_request(user, 1))
                row = AccessLogEntry.objects.order_by("-pk").first()
                assert (row.action, row.basis) == ("denied", "none"), user.username
            else:
                page = referral_page_for(user=user, pk=referral.pk, request=_request(user, 1))
                assert page.pk == referral.pk and page.reference == referral.reference
                row = AccessLogEntry.objects.order_by("-pk").first()
                assert (row.user_id, row.action, row.basis, row.object_reference) == (
                    user.pk, "read", basis, referral.reference), user.username
            assert AccessLogEntry.objects.count() == before + 1


def test_the_page_is_one_statement_that_reads_and_logs(client, people,
                                                       django_assert_num_queries):
    _c, referral = referred(people["coordinator"], people["receiver_a"])
    url = reverse("concerns:referral-detail", args=[referral.pk])
    client.force_login(people["receiver_a"])
    client.get(url)  # the user, menu and header kept
    # One statement; the test's own transaction adds a savepoint around it
    # (a request in production runs it on its own, without one).
    with django_assert_num_queries(3) as queries:
        response = client.get(url)
    assert response.status_code == 200
    statements = [q["sql"] for q in queries.captured_queries
                  if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(statements) == 1
    assert "INSERT INTO audit_accesslogentry" in statements[0]
    assert "concerns_referral" in statements[0]
    body = response.content.decode()
    assert SUBJECT["subject_name"] in body and referral.concern.reference in body
    assert _logged(referral)[-2:] == [("soc_a", "read", "receiver")] * 2


def test_nothing_is_shown_when_the_read_row_cannot_be_written(client, people):
    _c, referral = referred(people["coordinator"], people["receiver_a"])
    refuse_inserts("audit_accesslogentry")
    client.force_login(people["receiver_a"])
    response = client.get(reverse("concerns:referral-detail", args=[referral.pk]))
    assert response.status_code == 503
    body = response.content.decode()
    assert SUBJECT["subject_name"] not in body and referral.concern.reference not in body
    with pytest.raises(AuditUnavailable):
        referral_page_for(user=people["receiver_a"], pk=referral.pk,
                          request=_request(people["receiver_a"], referral.pk))


def test_the_kept_facts_follow_every_change(client, people):
    _c, referral = referred(people["coordinator"], people["receiver_a"])
    url = reverse("concerns:referral-detail", args=[referral.pk])
    client.force_login(people["receiver_a"])
    assert "Väntar på kvittens" in client.get(url).content.decode()
    assert client.post(url, {"form": "answer", "decision": "accept"}).status_code == 302
    body = client.get(url).content.decode()
    assert "Väntar på kvittens" not in body and "Accepterad" in body
    concern = referral.concern
    concern.subject_name = "Ny Person"
    concern.save(update_fields=["subject_name"])
    assert "Ny Person" in client.get(url).content.decode()


def test_a_bad_or_unknown_id_is_a_logged_404(client, people):
    client.force_login(people["receiver_a"])
    assert client.get("/remisser/999999/").status_code == 404
    row = AccessLogEntry.objects.order_by("-pk").first()
    assert (row.action, row.object_type, row.object_id) == ("denied", "referral", 999999)
