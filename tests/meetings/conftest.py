from datetime import UTC, date, datetime, time

import pytest
import time_machine

from accounts.roles import Role
from meetings import services

from .sensitive import world  # noqa: F401  (the sensitive-content tests' world)


@pytest.fixture
def chair(make_user):
    return make_user("ordforande", roles=[Role.GROUP_MEMBER], first_name="Olle",
                     last_name="Ordförande")


@pytest.fixture
def coordinator(make_user):
    return make_user("samordnaren", roles=[Role.COORDINATOR])


@pytest.fixture
def member(make_user):
    return make_user("ledamot", roles=[Role.GROUP_MEMBER], first_name="Lisa",
                     last_name="Ledamot")


@pytest.fixture
def outsider(make_user):
    return make_user("utomstaende", roles=[Role.GROUP_MEMBER])


@pytest.fixture
def group(chair, member):
    group = services.group_create(name="Testgruppen", purpose="Prov", chair=chair)
    services.membership_add(group=group, user=member)
    services.membership_add(group=group, name="Extern Person", organisation="Föreningen",
                            email="extern@example.org")
    return group


@pytest.fixture
def sensitive_group(chair, member):
    group = services.group_create(name="Lägesbild (prov)", chair=chair, handles_sensitive=True)
    services.membership_add(group=group, user=member)
    return group


def make_series(group, *, rrule="FREQ=MONTHLY;BYDAY=2TU", starts_on=date(2026, 1, 1),
                ends_on=date(2026, 12, 31), start=time(9, 0), end=time(10, 30), **kwargs):
    return services.series_create(group=group, title=kwargs.pop("title", group.name),
                                  rrule=rrule, starts_on=starts_on, ends_on=ends_on,
                                  start_time=start, end_time=end, **kwargs)


NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def meeting(group):
    """The first meeting of a monthly series planned on NOW."""
    with time_machine.travel(NOW, tick=False):
        return make_series(group).meetings.order_by("date").first()
