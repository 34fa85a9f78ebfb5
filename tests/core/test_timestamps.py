"""core/timestamps.py: timestamps read with fromisoformat are exactly what
Django's own loader gives, errors included, and every connection uses it."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

from core.timestamps import IsoTzLoader

pytestmark = pytest.mark.django_db

TIMESTAMPTZ_OID = 1184
VALUES = [
    "2026-12-04 16:09:51.95755+00", "2026-12-04 16:09:51+00", "2026-03-29 01:59:59.999999+00",
    "2026-03-29 03:00:00+02", "2026-10-25 02:30:00.5+01", "1900-01-01 00:00:00+00:09:21",
    "0001-01-02 00:00:00+00", "2000-02-29 23:59:59.000001-05:30",
]


def read(expressions, *, django_loader: bool):
    with connection.cursor() as cursor:
        if django_loader:
            register_tzloader(connection.timezone, cursor.cursor)
        cursor.execute("SELECT " + ", ".join("%s::timestamptz" for _ in expressions),
                       expressions)
        return cursor.fetchone()


def test_every_connection_reads_timestamps_with_fromisoformat():
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    assert issubclass(loader, IsoTzLoader) and loader.timezone is connection.timezone


@pytest.mark.parametrize("time_zone", ["UTC", "Europe/Stockholm", "America/St_Johns"])
def test_values_are_djangos_in_any_session_time_zone(time_zone):
    with connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE %s" % connection.ops.quote_name(time_zone))  # noqa: UP031
    try:
        ours, djangos = read(VALUES, django_loader=False), read(VALUES, django_loader=True)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
    assert ours == djangos
    assert [value.tzinfo for value in ours] == [value.tzinfo for value in djangos]
    if time_zone == "UTC":  # Django's own session zone: the instant itself
        assert ours[0] == datetime(2026, 12, 4, 16, 9, 51, 957550, tzinfo=UTC)


def test_the_orm_reads_the_same_instant_it_wrote(make_user):
    user = make_user("tid")
    moment = datetime(2026, 12, 4, 15, 9, 51, 123456, tzinfo=UTC)
    type(user).objects.filter(pk=user.pk).update(date_joined=moment)
    user.refresh_from_db()
    assert user.date_joined == moment and user.date_joined.tzinfo is UTC


@pytest.mark.parametrize("value", ["infinity", "-infinity", "10000-01-01 00:00:00+00"])
def test_what_fromisoformat_cannot_read_fails_as_with_djangos_loader(value):
    errors = []
    for django_loader in (False, True):
        with pytest.raises(Exception) as caught:  # noqa: PT011 (the same error both ways)
            read([value], django_loader=django_loader)
        errors.append((type(caught.value), str(caught.value)))
    assert errors[0] == errors[1]
