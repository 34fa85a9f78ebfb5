"""Shared fixtures: real PostgreSQL (pytest-django), real Redis, a real SMTP
server (aiosmtpd) per test, a real Celery worker process, and Playwright on
Debian's Chromium."""

import pytest

from tests.support.smtp import SMTPServer

pytest_plugins = ["tests.support.processes", "tests.support.browser"]


@pytest.fixture
def smtp_server(settings):
    """An aiosmtpd server on a free port; settings point Django's mail at it."""
    server = SMTPServer()
    server.start()
    # pytest-django swaps in the locmem backend; delivery tests use real SMTP.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def make_user(db):
    from tests.factories import UserFactory

    def make(username: str | None = None, *, roles=(), **kwargs):
        if username:
            kwargs["username"] = username
        return UserFactory(roles=list(roles), **kwargs)

    return make
