"""Shared fixtures: real PostgreSQL (pytest-django), real Redis, a real SMTP
server (aiosmtpd) per test, a real Celery worker process, and Playwright on
Debian's Chromium."""

import pytest

from tests.support.smtp import SMTPServer

pytest_plugins = [
    "tests.support.processes", "tests.support.browser", "tests.support.second_factor",
    "tests.support.oidc",
]


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


# Rows that data migrations create. Transactional tests (live server, real
# workers) end with a flush of every table, which takes these with it; tests
# that run after them must still find the installation as migrate left it.
MIGRATION_DATA = [
    ("accounts.migrations.0002_role_groups", "create_groups", "auth.Group"),
    ("casework.migrations.0002_reference_data", "add_reference_data", "casework.Category"),
    ("meetings.migrations.0002_seed_groups", "seed", "meetings.WorkingGroup"),
]


@pytest.fixture(autouse=True)
def _migration_data(request):
    fixtures = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in fixtures or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    elif "db" in fixtures or marker:
        request.getfixturevalue("db")
    else:
        return
    from importlib import import_module

    from django.apps import apps

    for module_name, function, probe_model in MIGRATION_DATA:
        if not apps.get_model(probe_model).objects.exists():
            getattr(import_module(module_name), function)(apps, None)
