"""The access log keeps the indexes its queries use and no others (ADR
0047): every read of sensitive data writes a row, and each index is one
more insertion into it."""

import pytest
from django.db import connection

from audit.models import AccessLogEntry
from audit.selectors import access_log_filter

pytestmark = pytest.mark.django_db


def _indexed_columns() -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, AccessLogEntry._meta.db_table)
    return {tuple(c["columns"]) for c in constraints.values() if c["index"] or c["primary_key"]}


def test_the_log_has_the_indexes_of_its_order_and_its_object_lookup_only():
    assert _indexed_columns() == {("id",), ("at",), ("object_type", "object_id")}


def test_the_list_reads_newest_first_through_the_at_index():
    rows = access_log_filter(reference="O-2026-0001")[:50]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = rows.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "audit_accesslogentry_at" in plan
