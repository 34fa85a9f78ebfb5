"""Login rate limit and lockout (django-axes), beyond tests/accounts: the
lockout does not reveal whether an account exists, it lifts after the
cool-off, and it is per user name and address."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

PASSWORD = "correct horse battery"


def fail(client, username, times, **extra):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "fel"}, **extra)


@pytest.mark.django_db
def test_unknown_user_names_are_locked_out_the_same_way(client, settings):
    fail(client, "finns-inte", settings.AXES_FAILURE_LIMIT)
    response = client.post(reverse("login"), {"username": "finns-inte", "password": "x"})
    # same 429 as for a real account: the lockout does not tell who exists
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


@pytest.mark.django_db
def test_the_lockout_lifts_after_the_cool_off(client, make_user, settings):
    make_user("sara")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "sara", settings.AXES_FAILURE_LIMIT)
        assert client.post(reverse("login"),
                           {"username": "sara", "password": PASSWORD}).status_code == 429
    cool_off = timedelta(hours=settings.AXES_COOLOFF_TIME) + timedelta(minutes=1)
    with time_machine.travel(start + cool_off, tick=False):
        response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    # after the cool-off the right password works again
    assert response.status_code == 302


@pytest.mark.django_db
def test_one_address_failing_does_not_lock_the_user_out_elsewhere(client, make_user, settings):
    make_user("sara")
    fail(client, "sara", settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="203.0.113.9")
    # an attacker elsewhere cannot lock the real user out of her own desk
    response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD},
                           REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_failure_below_the_limit_then_success_resets_the_count(client, make_user, settings):
    make_user("sara")
    fail(client, "sara", settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(reverse("login"),
                       {"username": "sara", "password": PASSWORD}).status_code == 302
    client.post(reverse("logout"))
    fail(client, "sara", settings.AXES_FAILURE_LIMIT - 1)
    # the earlier failures were forgotten on success, so this is not a lockout
    assert client.post(reverse("login"),
                       {"username": "sara", "password": PASSWORD}).status_code == 302
