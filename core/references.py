"""Human references such as R-2026-00042.

Two ways to take a number (ADR 0042):
- `next_reference`: a counter row per prefix and year, taken with SELECT …
  FOR UPDATE. Gap-free, but the row lock is held until the caller's
  transaction ends, so concurrent creators queue. For references made rarely
  (cases, EST-2026-00012).
- `sequence_reference`: a PostgreSQL sequence per prefix and year; `nextval`
  takes no lock that another transaction waits for, so concurrent creators
  never queue. A rolled-back transaction leaves a gap. For report submit,
  the hot path. Elsewhere (SQLite for `make run`) it falls back to the counter,
  which is enough for one local user."""

import re

from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    connection,
    connections,
    transaction,
)

from .models import ReferenceCounter

_PREFIX = re.compile(r"^[A-Z]{1,8}$")
_sequences_known: set[str] = set()


def next_reference(prefix: str, year: int, width: int = 5) -> str:
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
        counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:0{width}d}"


def sequence_name(prefix: str, year: int) -> str:
    if not _PREFIX.match(prefix) or not 1900 < int(year) < 10000:
        raise ValueError("reference prefix or year out of range")
    return f"reference_{prefix.lower()}_{int(year)}"


def sequence_reference(prefix: str, year: int, width: int = 5) -> str:
    """One query on the hot path: SELECT nextval(…)."""
    if connection.vendor != "postgresql":
        return next_reference(prefix, year, width)
    name = sequence_name(prefix, year)
    if name not in _sequences_known:
        _ensure_sequence(name, prefix, year)
        _sequences_known.add(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [name])
        (number,) = cursor.fetchone()
    return f"{prefix}-{year}-{number:0{width}d}"


def _ensure_sequence(name: str, prefix: str, year: int) -> None:
    """Create the year's sequence on a connection of its own (autocommit),
    so that it exists for everyone at once and the caller's transaction holds
    no catalogue lock. It starts after the counter row of the same prefix and
    year, if references were taken that way before."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute(
                f"SELECT last FROM {ReferenceCounter._meta.db_table} "  # noqa: S608
                "WHERE prefix = %s AND year = %s", [prefix, year])
            row = cursor.fetchone()
            start = (row[0] if row else 0) + 1
            try:
                cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {name} START WITH {start}")
            except DatabaseError:
                # a concurrent creator won the race (duplicate catalogue row)
                cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
                if not cursor.fetchone()[0]:
                    raise
    finally:
        other.close()
