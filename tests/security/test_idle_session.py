"""Sessions end after SESSION_IDLE_TIMEOUT without a request (30 minutes by
default), and the last activity is written at most once a minute."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

PASSWORD = "correct horse battery"
HOME = "/"


def _sign_in(client):
    response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    assert response.status_code == 302


def _session_writes(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(HOME).status_code == 200
    return sum(1 for q in ctx.captured_queries
               if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"])


@pytest.mark.django_db
def test_the_default_idle_timeout_is_thirty_minutes(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60


@pytest.mark.django_db
def test_a_session_ends_after_thirty_idle_minutes(client, make_user):
    make_user("sara")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _sign_in(client)
    # Activity every 29 minutes keeps the session alive past the timeout ...
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(HOME).status_code == 200
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert client.get(HOME).status_code == 200
    # ... 31 idle minutes end it: back to the login page, with a Swedish notice.
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get(HOME)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        login_page = client.get(response["Location"]).content.decode()
        assert "Du har loggats ut efter 30 minuter utan aktivitet" in login_page
        # The old cookie stays signed out.
        assert client.get(HOME).status_code == 302


@pytest.mark.django_db
def test_the_idle_timeout_follows_the_setting(client, make_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 5 * 60
    make_user("sara")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _sign_in(client)
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert client.get(HOME).status_code == 302


@pytest.mark.django_db
def test_the_last_activity_is_written_at_most_once_a_minute(client, make_user):
    make_user("sara")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _sign_in(client)
    # Within the minute after signing in: no session write per request.
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        assert _session_writes(client) == 0
        assert _session_writes(client) == 0
    # Older than a minute: one write, then none again.
    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        assert _session_writes(client) == 1
        assert _session_writes(client) == 0
