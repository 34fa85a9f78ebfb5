"""Lockout (django-axes) and the access log see the real client address
behind TRUSTED_PROXY_COUNT reverse proxies, and the same one."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from audit.models import AccessLogEntry
from tests.concerns import conftest as concern_fixtures
from tests.concerns.conftest import new_concern

# The concern personas (owner, colleague, outsider) as fixtures of this module.
people, units = concern_fixtures.people, concern_fixtures.units

PASSWORD = "correct horse battery"
PROXY = "10.0.0.2"


def _through_proxy(client_address, forged=None):
    chain = ", ".join(part for part in (forged, client_address) if part)
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def fail(client, username, times, **extra):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "fel"}, **extra)


@pytest.mark.django_db
def test_the_access_log_records_the_client_behind_the_proxy(client, people, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    concern = new_concern(people["coordinator"])
    client.force_login(people["coordinator"])
    client.get(reverse("concerns:concern-detail", args=[concern.pk]),
               **_through_proxy("203.0.113.7", forged="6.6.6.6"))
    # The address the proxy saw, not the proxy and not what the client forged.
    assert AccessLogEntry.objects.filter(object_id=concern.pk).latest("id").ip_address == \
        "203.0.113.7"


@pytest.mark.django_db
def test_without_a_trusted_proxy_the_header_is_ignored(client, people, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    concern = new_concern(people["coordinator"])
    client.force_login(people["coordinator"])
    client.get(reverse("concerns:concern-detail", args=[concern.pk]),
               REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AccessLogEntry.objects.filter(object_id=concern.pk).latest("id").ip_address == \
        "198.51.100.4"


@pytest.mark.django_db
def test_two_proxies_take_the_second_address_from_the_right(client, people, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    concern = new_concern(people["coordinator"])
    client.force_login(people["coordinator"])
    client.get(reverse("concerns:concern-detail", args=[concern.pk]), REMOTE_ADDR=PROXY,
               HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.8, 10.0.0.1")
    assert AccessLogEntry.objects.filter(object_id=concern.pk).latest("id").ip_address == \
        "203.0.113.8"


@pytest.mark.django_db
def test_lockout_is_per_client_behind_the_proxy(client, make_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("sara")
    fail(client, "sara", settings.AXES_FAILURE_LIMIT, **_through_proxy("203.0.113.9"))
    # Axes stored the attacker's address, not the proxy's ...
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    # ... so the attacker is locked out, even when forging another address in front,
    assert client.post(reverse("login"), {"username": "sara", "password": PASSWORD},
                       **_through_proxy("203.0.113.9", forged="1.2.3.4")).status_code == 429
    # and the real user behind the same proxy can still sign in.
    assert client.post(reverse("login"), {"username": "sara", "password": PASSWORD},
                       **_through_proxy("198.51.100.7")).status_code == 302
