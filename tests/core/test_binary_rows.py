"""Raw rows in PostgreSQL's binary format (core/binary_rows.py): the same
values as the text format, the query counted and its errors Django's."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError, ProgrammingError, connection, transaction
from django.db.transaction import TransactionManagementError

from core import binary_rows

pytestmark = pytest.mark.django_db

SQL = """SELECT 42::bigint, 'Tranemo'::text, NULL::text, DATE '2026-12-04',
                TIMESTAMPTZ '2026-12-04 18:05:41.067529+01', TRUE, 1.50::numeric,
                %s::integer, %s::text, %s::timestamptz"""
MOMENT = datetime(2026, 12, 4, 17, 5, 41, 67529, tzinfo=UTC)


def _text_rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_the_same_values_as_the_text_format():
    params = [7, "Limmared", MOMENT]
    rows = binary_rows.fetchall(SQL, params)
    assert rows == _text_rows(SQL, params)
    assert rows == [(42, "Tranemo", None, date(2026, 12, 4), MOMENT, True, Decimal("1.50"),
                     7, "Limmared", MOMENT)]
    assert rows[0][4].utcoffset().total_seconds() == 0


def test_the_query_is_counted_as_djangos(django_assert_num_queries):
    with django_assert_num_queries(1):
        binary_rows.fetchall("SELECT %s::integer", [1])


def test_errors_are_djangos_and_a_broken_transaction_is_refused():
    with pytest.raises(ProgrammingError), transaction.atomic():
        binary_rows.fetchall("SELECT no_such_column FROM casework_report", [])
    with transaction.atomic():
        with pytest.raises(DatabaseError), transaction.atomic(savepoint=False):
            binary_rows.fetchall("SELECT 1/0", [])
        with pytest.raises(TransactionManagementError):
            binary_rows.fetchall("SELECT 1", [])


def test_a_client_side_cursor_answers_in_text():
    """With server-side binding off Django's cursor is psycopg's
    ClientCursor, which has no binary format: the text one answers."""
    from django.db.backends.utils import CursorWrapper
    from psycopg import ClientCursor

    connection.ensure_connection()
    wrapper = CursorWrapper(ClientCursor(connection.connection), connection)
    sent = []

    def execute(sql, params, many, context):
        sent.append(sql)
        return wrapper.cursor.execute(sql, params)

    binary_rows._binary(execute, "SELECT %s::integer", [5], False,
                        {"cursor": wrapper, "connection": connection})
    assert sent == ["SELECT %s::integer"]
    assert wrapper.cursor.fetchall() == [(5,)]
