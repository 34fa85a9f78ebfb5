"""The start page: every panel one query, the total constant in data size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework import services as casework_services
from casework.models import Locality
from insights.models import SafetyWalk
from tests.factories.casework import est_people, make_report, triage_task  # noqa: F401
from workflows.services import task_claim

pytestmark = pytest.mark.django_db

# session, then one per panel the coordinator sees: inbox, my reports, my
# measures, concerns, referrals, meetings, walk coverage
COORDINATOR_QUERIES = 8


def add_data(people, n: int) -> None:
    for i in range(n):
        report = make_report(people.police)
        if i % 2:
            task_claim(task=triage_task(report), user=people.coordinator)
        casework_services.measure_create(
            actor=people.coordinator, title=f"Åtgärd {i}", owner=people.coordinator,
            owner_organisation=people.coordinator.organisation,
            due_date=timezone.localdate() + timedelta(days=i))
        SafetyWalk.objects.create(locality=Locality.objects.order_by("?").first(),
                                  date=timezone.localdate() + timedelta(days=i),
                                  meeting_point="Torget")


def start_page_queries(client) -> int:
    client.get(reverse("core:home"))  # the steady state: user cached, session fresh
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return len(queries)


def test_the_start_page_costs_the_same_with_ten_times_the_data(client, est_people,  # noqa: F811
                                                               django_assert_max_num_queries):
    client.force_login(est_people.coordinator)
    add_data(est_people, 2)
    few = start_page_queries(client)
    add_data(est_people, 20)
    many = start_page_queries(client)
    assert few == many
    with django_assert_max_num_queries(COORDINATOR_QUERIES):
        body = client.get(reverse("core:home")).content.decode()
    assert "Ej tagna: 11" in body and "Mina: 11" in body
