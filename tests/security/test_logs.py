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


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def captured_logs():
    """Every record that reaches the root logger, at DEBUG and up (our own
    handler, so it works with pytest's logging plugin switched off too)."""
    keep, root = _Keep(), logging.getLogger()
    old_level = root.level
    root.addHandler(keep)
    yield keep
    root.removeHandler(keep)
    root.setLevel(old_level)


def assert_no_personal_data(captured_logs):
    records = [r for r in captured_logs.records if not r.name.startswith(FOREIGN_LOGGERS)]
    lines = [record.getMessage() for record in records]
    lines += [str(record.args) for record in records if record.args]
    leaked = [line for line in lines for word in PERSONAL if word.lower() in line.lower()]
    assert not leaked, leaked
    return lines


@pytest.mark.django_db
def test_failed_logins_and_the_lockout_log_no_user_names(
    client, make_user, settings, captured_logs,
):
    make_user(EMAIL, first_name="Sara", last_name="Svensson", email=EMAIL)
    logging.getLogger().setLevel(logging.DEBUG)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(reverse("login"), {"username": EMAIL, "password": "fel lösenord"})
    # the lockout happened, and was logged, but without who it was
    assert client.post(reverse("login"), {"username": EMAIL, "password": "x"}).status_code == 429
    lines = assert_no_personal_data(captured_logs)
    assert any("lock" in line.lower() for line in lines), lines


@pytest.mark.django_db
def test_a_failing_outbox_send_logs_no_address(smtp_server, captured_logs):
    email_enqueue(key="log:1", to=EMAIL, template="test_notice",
                  context={"reference": "R-2026-00001", "url": "/x/"})
    smtp_server.fail_next(1)
    logging.getLogger().setLevel(logging.DEBUG)
    assert outbox_send_due() == 0
    # the failure was logged by id and template only
    lines = assert_no_personal_data(captured_logs)
    assert any("failed" in line for line in lines), lines
    assert OutgoingEmail.objects.get(key="log:1").attempts == 1


@pytest.mark.django_db
def test_an_unreachable_smtp_server_logs_no_address(smtp_server, captured_logs):
    email_enqueue(key="log:2", to=EMAIL, template="test_notice",
                  context={"reference": "R-2026-00002", "url": "/x/"})
    smtp_server.stop()
    logging.getLogger().setLevel(logging.DEBUG)
    assert outbox_send_due() == 0
    assert_no_personal_data(captured_logs)
