"""Upkeep of the weekly roll-up (ReportWeekCount), which the database
triggers keep in step with the reports."""

from django.db import connection

from .models import ReportWeekCount

# One statement: the slots' rows are taken out and their sums added to slot 0
# in the same snapshot. A report committed meanwhile waits for the rows it
# would add to and then inserts its slot again (ON CONFLICT sees the delete),
# so nothing is counted twice or lost.
_FOLD = f"""
    WITH folded AS (
        DELETE FROM {ReportWeekCount._meta.db_table} WHERE slot <> 0
        RETURNING week_start, locality_id, category_id, count)
    INSERT INTO {ReportWeekCount._meta.db_table}
        (week_start, locality_id, category_id, slot, count)
    SELECT week_start, locality_id, category_id, 0, SUM(count) FROM folded
    GROUP BY week_start, locality_id, category_id
    ON CONFLICT (week_start, locality_id, category_id, slot)
    DO UPDATE SET count = {ReportWeekCount._meta.db_table}.count + EXCLUDED.count"""  # noqa: S608  # nosec B608


def fold_slots() -> int:
    """Fold every cell's slots into slot 0 (nightly): the roll-up the
    lägesbild and the effect pages read stays one row per cell, however
    many transactions added to it. Returns the cells folded into."""
    if connection.vendor != "postgresql":
        return 0  # SQLite's triggers write slot 0 only
    with connection.cursor() as cursor:
        cursor.execute(_FOLD)
        return cursor.rowcount
