"""The reset for a person who lost the device and the recovery codes:
everything removed, logged, sessions ended, enrolment at the next sign-in."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import Role
from audit.models import AccessLogEntry
from tests.support.second_factor import give_totp


@pytest.mark.django_db
def test_the_reset_removes_every_device_logs_it_and_ends_the_sessions(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    other = make_user("nils", roles=[Role.COORDINATOR])
    give_totp(user)
    give_totp(other)
    RecoveryCodes.activate(user)
    Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN,
                                 data={"name": "Blå nyckel", "credential": {}})
    client.force_login(user)

    call_command("second_factor_reset", "sara", reason="ärende 4711")
    # app, key and codes gone; the colleague's app untouched
    assert not Authenticator.objects.filter(user=user).exists()
    assert Authenticator.objects.filter(user=other).count() == 1
    entry = AccessLogEntry.objects.get(object_type="second factor", object_id=user.pk)
    assert entry.action == AccessLogEntry.Action.DELETE
    assert entry.path == "manage.py second_factor_reset" and "ärende 4711" in entry.detail
    # the open session is over; the next sign-in leads to enrolment
    assert client.get("/oro/")["Location"].startswith(reverse("login"))
    response = client.post(reverse("login"), {"username": "sara",
                                              "password": "correct horse battery"})
    assert response["Location"].startswith(reverse("second-factor-setup"))


@pytest.mark.django_db
def test_the_reset_needs_a_known_user_and_a_reason(make_user):
    with pytest.raises(CommandError):
        call_command("second_factor_reset", "nobody", reason="x")
    make_user("sara")
    with pytest.raises(CommandError):
        call_command("second_factor_reset", "sara")
