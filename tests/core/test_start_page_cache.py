"""The start page's kept panels (core/start_page.py): built once per user for
START_PAGE_PANEL_SECONDS, then served without their queries; the user's own
changes, role changes and deactivation show at once."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from tests.factories.casework import est_people, make_report, triage_task  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _kept_panels(settings):
    settings.START_PAGE_PANEL_SECONDS = 30


def home(client) -> str:
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_start_page_runs_no_panel_query(client, est_people):  # noqa: F811
    client.force_login(est_people.coordinator)
    home(client)  # builds and keeps the panels
    with CaptureQueriesContext(connection) as queries:
        body = home(client)
    # the session and the user come from the cache too (the test cache is in
    # process memory): a kept start page reads nothing from the database
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert "Inkorg för sortering" in body


def test_the_users_own_change_shows_at_once(client, est_people):  # noqa: F811
    task = triage_task(make_report(est_people.police))
    client.force_login(est_people.coordinator)
    assert "Mina: 0" in home(client)
    response = client.post(reverse("workflows:task-claim", args=[task.pk]))
    assert response.status_code == 302
    assert "Mina: 1" in home(client)


def test_others_changes_wait_for_the_lifetime(client, est_people, settings):  # noqa: F811
    client.force_login(est_people.coordinator)
    assert "Ej tagna: 0" in home(client)
    triage_task(make_report(est_people.police))  # another user's report
    assert "Ej tagna: 0" in home(client)  # kept
    settings.START_PAGE_PANEL_SECONDS = 0
    assert "Ej tagna: 1" in home(client)


def test_a_role_taken_away_shows_on_the_next_request(client, est_people):  # noqa: F811
    client.force_login(est_people.coordinator)
    assert "Inkorg för sortering" in home(client)
    est_people.coordinator.groups.remove(Group.objects.get(name=Role.COORDINATOR))
    assert "Inkorg för sortering" not in home(client)
