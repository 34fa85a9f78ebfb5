"""No personal data in log lines: names, e-mail addresses and user names never
reach the logs, whatever level is configured, while things go wrong."""

import logging

import pytest
from django.urls import reverse

from notifications.models import OutgoingEmail
from notifications.sending import outbox_send_due
from notifications.services import email_enqueue

EMAIL = "sara.svensson@tranemo.example.se"
PERSONAL = ("sara.svensson", "Svensson", "tranemo.example.se")


# aiosmtpd's own log is the test's SMTP server talking, not Tryggsam.
FOREIGN_LOGGERS = ("mail.log",)


def assert_no_personal_data(caplog):
    records = [r for r in caplog.records if not r.name.startswith(FOREIGN_LOGGERS)]
    lines = [record.getMessage() for record in records]
    lines += [str(record.args) for record in records if record.args]
    leaked = [line for line in lines for word in PERSONAL if word.lower() in line.lower()]
    assert not leaked, leaked
    return lines


@pytest.mark.django_db
def test_failed_logins_and_the_lockout_log_no_user_names(client, make_user, settings, caplog):
    make_user(EMAIL, first_name="Sara", last_name="Svensson", email=EMAIL)
    caplog.set_level(logging.DEBUG)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(reverse("login"), {"username": EMAIL, "password": "fel lösenord"})
    # the lockout happened, and was logged, but without who it was
    assert client.post(reverse("login"), {"username": EMAIL, "password": "x"}).status_code == 429
    lines = assert_no_personal_data(caplog)
    assert any("lock" in line.lower() for line in lines), lines


@pytest.mark.django_db
def test_a_failing_outbox_send_logs_no_address(smtp_server, caplog):
    email_enqueue(key="log:1", to=EMAIL, template="test_notice",
                  context={"reference": "R-2026-00001", "url": "/x/"})
    smtp_server.fail_next(1)
    caplog.set_level(logging.DEBUG)
    assert outbox_send_due() == 0
    # the failure was logged by id and template only
    lines = assert_no_personal_data(caplog)
    assert any("failed" in line for line in lines), lines
    assert OutgoingEmail.objects.get(key="log:1").attempts == 1


@pytest.mark.django_db
def test_an_unreachable_smtp_server_logs_no_address(smtp_server, caplog):
    email_enqueue(key="log:2", to=EMAIL, template="test_notice",
                  context={"reference": "R-2026-00002", "url": "/x/"})
    smtp_server.stop()
    caplog.set_level(logging.DEBUG)
    assert outbox_send_due() == 0
    assert_no_personal_data(caplog)
