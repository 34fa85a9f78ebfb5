"""The report API's rate limit (scope "report_submit", 120/minute per user,
core/throttling.py): the 121st POST in a minute is refused with 429 and a
Retry-After, without a report; another user is not affected."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.roles import Role
from core.throttling import WindowCountThrottle
from tests.factories.accounts import OrganisationFactory, UserFactory

URL = "/api/v1/reports/"
LIMIT = 120


def api_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0]}")
    return client


def body(n):
    return {"category": "klotter", "locality": "Tranemo", "description": f"Klotter {n}.",
            "occurred_on": (timezone.localdate() - timedelta(days=1)).isoformat()}


@pytest.fixture(autouse=True)
def _still_clock(monkeypatch):
    """The limit's clock stands still mid-window: the 120 POSTs take seconds,
    and a window boundary among them would let the previous window's weight
    fall below a whole request."""
    monkeypatch.setattr(WindowCountThrottle, "timer", lambda self: 1_800_000_030.0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_the_report_api_refuses_the_121st_post_in_a_minute():
    from casework.models import Report

    police = OrganisationFactory(name="Polisen")
    user = UserFactory(username="polis", organisation=police, roles=[Role.POLICE, Role.REPORTER])
    other = UserFactory(username="polis2", organisation=police,
                        roles=[Role.POLICE, Role.REPORTER])
    client = api_client(user)
    statuses = [client.post(URL, body(n), format="json").status_code for n in range(LIMIT)]
    assert set(statuses) == {201}

    refused = client.post(URL, body(LIMIT), format="json")
    # the limit holds: 429, a Retry-After, and no report
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert Report.objects.count() == LIMIT
    # per user: a colleague can still report
    assert api_client(other).post(URL, body(0), format="json").status_code == 201
