"""The concern export: one CSV writer (formulas neutralised), every concern
logged as exported, in a number of queries that does not grow with the rows."""

import csv
import io

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from concerns.models import Concern

from .conftest import new_concern, referred

pytestmark = pytest.mark.django_db


def _export(client, user):
    client.force_login(user)
    response = client.get(reverse("concerns:concern-export"))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_export_logs_every_concern_in_constant_queries(
        client, people, django_assert_max_num_queries):
    coordinator = people["coordinator"]
    referred(coordinator, people["receiver_a"])
    new_concern(coordinator)
    client.force_login(coordinator)
    # Measured with two concerns, then held to the same bound with twelve.
    with django_assert_max_num_queries(30) as few:
        rows = _export(client, coordinator)
    for _ in range(5):
        referred(coordinator, people["receiver_a"])
        new_concern(coordinator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = _export(client, coordinator)
    assert len(rows) == 1 + Concern.objects.count() == 13
    # One export row in the access log per concern, before the file was written.
    exported = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT,
                                             object_type="concern")
    assert exported.count() == 2 + 12
    assert set(exported.values_list("object_id", flat=True)) == set(
        Concern.objects.values_list("pk", flat=True))
    # The routes column reads the prefetched referrals.
    assert any("social_services" in row[6] for row in rows[1:])


def test_the_export_neutralises_formulas(client, people):
    coordinator = people["coordinator"]
    concern = new_concern(coordinator)
    Concern.objects.filter(pk=concern.pk).update(reference="=HYPERLINK(\"x\")")
    rows = _export(client, coordinator)
    assert rows[1][0] == "'=HYPERLINK(\"x\")"
