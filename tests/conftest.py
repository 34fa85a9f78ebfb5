"""Shared fixtures: real PostgreSQL (pytest-django), real Redis, a real SMTP
server (aiosmtpd) per test, a real Celery worker process, and Playwright on
Debian's Chromium."""

import pytest

from tests.support.smtp import SMTPServer

pytest_plugins = [
    "tests.support.processes", "tests.support.browser", "tests.support.second_factor",
    "tests.support.oidc",
]


@pytest.fixture(autouse=True)
def _fresh_reference_data():
    """Categories and localities are kept a minute per process
    (casework/reference.py); each test reads its own database's."""
    from casework import reference

    reference.forget()
    yield
    reference.forget()


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


# Reference data (role groups, localities, categories, the standing working
# groups) comes from data migrations. A transactional test (live server, real
# workers, threads) ends with a flush of every table, which takes these rows
# with it. The one way this suite restores them: every transactional test runs
# with Django's `serialized_rollback`, which reloads the database as migrate
# left it (serialised once, when the test database is created) at the start of
# that test. pytest-django runs the ordinary `db` tests before the
# transactional ones, so those never see a flushed database. Nothing else
# re-runs migration functions or get_or_creates groups "in case".
def pytest_collection_modifyitems(items):
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = set(getattr(item, "fixturenames", ()))
        transactional = ({"transactional_db", "live_server"} & fixtures) or (
            marker is not None and marker.kwargs.get("transaction"))
        if not transactional or (marker is not None
                                 and marker.kwargs.get("serialized_rollback")):
            continue
        kwargs = dict(marker.kwargs) if marker is not None else {}
        kwargs.update(transaction=True, serialized_rollback=True)
        # prepended: the closest marker wins over the module's pytestmark
        item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs),
                        append=False)


# The database as migrate left it, serialised once per alias. Playwright's sync
# API runs the tests in a greenlet with its own context, and Django keeps a
# connection per context, so after the browser starts `connections[alias]` is
# a new object without the serialised copy that `serialized_rollback` reloads
# from. Each transactional test's database setup hands the copy on to the
# connection object of the moment.
_serialized_contents: dict[str, str] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    if fixturedef.argname != "_django_db_helper":
        return
    from django.db import connections

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            _serialized_contents.setdefault(connection.alias, contents)
        elif connection.alias in _serialized_contents:
            connection._test_serialized_contents = _serialized_contents[connection.alias]
