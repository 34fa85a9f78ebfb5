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


@pytest.fixture
def coordinator(make_user):
    return make_user("insights-samordnare", roles=[Role.COORDINATOR])


@pytest.fixture
def manager(make_user):
    return make_user("insights-ledning", roles=[Role.MANAGEMENT])


@pytest.fixture
def outsider(make_user):
    return make_user("insights-rapportor", roles=[Role.REPORTER])
