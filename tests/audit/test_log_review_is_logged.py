"""Reading the access log is itself a logged read: the list page (also with
a filter that fails validation) and the CSV export each write one row for
the log reviewer before anything is shown."""

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def _log_reads(action):
    return AccessLogEntry.objects.filter(object_type="access-log", action=action)


@pytest.mark.parametrize("name,query,status,action", [
    ("audit:log", {}, 200, "list"),
    ("audit:log", {"start": "2026-12-01", "end": "2026-01-01"}, 400, "list"),
    ("audit:log-export", {"user": "ersattare"}, 200, "export"),
])
def test_each_look_at_the_log_is_logged(client, people, name, query, status, action):
    client.force_login(people["log_reviewer"])
    response = client.get(reverse(name), query)
    assert response.status_code == status
    # One row, the reviewer's, with the page it came from.
    rows = list(_log_reads(action).values_list("username", "basis", "path"))
    assert rows == [("logg", "log_reviewer", reverse(name))]


def test_others_are_refused_without_a_log_read(client, people):
    client.force_login(people["superuser"])
    assert client.get(reverse("audit:log")).status_code == 404
    # A refused look shows nothing, so there is no read to log.
    assert not _log_reads("list").exists()
