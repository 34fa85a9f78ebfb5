import itertools
from datetime import date

import pytest

from accounts.roles import Role
from casework.models import Category, Locality, Report
from tests.factories.casework import est_people  # noqa: F401

_refs = itertools.count(1)


def make_report(*, day: date, locality=None, category=None, status="new", place=""):
    return Report.objects.create(
        reference=f"T-{next(_refs):08d}", occurred_on=day,
        locality=locality or Locality.objects.order_by("name").first(),
        category=category or Category.objects.order_by("sort_order").first(),
        description="Test", status=status, place=place)


@pytest.fixture(autouse=True)
def reference_data(request, django_db_blocker):
    """Role groups, localities and categories come from data migrations; a
    transactional test elsewhere flushes them, so put them back (idempotent)."""
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db"} & set(request.fixturenames))
    if not uses_db:
        yield
        return
    import importlib

    from django.apps import apps

    request.getfixturevalue("_django_db_helper")
    with django_db_blocker.unblock():
        importlib.import_module("accounts.migrations.0002_role_groups").create_groups(apps, None)
        importlib.import_module("casework.migrations.0002_reference_data").add_reference_data(
            apps, None)
    yield


@pytest.fixture
def coordinator(make_user):
    return make_user("insights-samordnare", roles=[Role.COORDINATOR])


@pytest.fixture
def manager(make_user):
    return make_user("insights-ledning", roles=[Role.MANAGEMENT])


@pytest.fixture
def outsider(make_user):
    return make_user("insights-rapportor", roles=[Role.REPORTER])
