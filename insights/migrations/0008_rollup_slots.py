"""The roll-up in slots: a report's transaction adds to slot txid % 4 of its
cell, so concurrent reports in one cell no longer queue on one row (each
upsert held it until its transaction committed). The SQLite triggers
(make run, one writer) keep slot 0; their ON CONFLICT names the new key."""

from importlib import import_module

from django.db import migrations, models

_0002 = import_module("insights.migrations.0002_rollup_triggers")

PG_FORWARD = r"""
CREATE OR REPLACE FUNCTION insights_rollup_apply(p_day date, p_loc bigint, p_cat bigint, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO insights_reportweekcount (week_start, locality_id, category_id, slot, count)
    VALUES (date_trunc('week', p_day)::date, p_loc, p_cat, (txid_current() % 4)::smallint,
            p_delta)
    ON CONFLICT (week_start, locality_id, category_id, slot)
    DO UPDATE SET count = insights_reportweekcount.count + EXCLUDED.count;
END;
$$;
"""

# Back to one row per cell: the slots folded into slot 0 first (as
# insights.rollup.fold_slots does; a migration does not import app code), so
# no count is lost and the old three-column key fits again.
PG_REVERSE = r"""
WITH folded AS (
    DELETE FROM insights_reportweekcount WHERE slot <> 0
    RETURNING week_start, locality_id, category_id, count)
INSERT INTO insights_reportweekcount (week_start, locality_id, category_id, slot, count)
SELECT week_start, locality_id, category_id, 0, SUM(count) FROM folded
GROUP BY week_start, locality_id, category_id
ON CONFLICT (week_start, locality_id, category_id, slot)
DO UPDATE SET count = insights_reportweekcount.count + EXCLUDED.count;
CREATE OR REPLACE FUNCTION insights_rollup_apply(p_day date, p_loc bigint, p_cat bigint, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO insights_reportweekcount (week_start, locality_id, category_id, count)
    VALUES (date_trunc('week', p_day)::date, p_loc, p_cat, p_delta)
    ON CONFLICT (week_start, locality_id, category_id)
    DO UPDATE SET count = insights_reportweekcount.count + EXCLUDED.count;
END;
$$;
"""


def _sqlite_triggers(key: str) -> list[str]:
    upsert = _0002.SQLITE_FORWARD
    return [statement.replace("ON CONFLICT (week_start, locality_id, category_id)",
                              f"ON CONFLICT ({key})")
            for statement in upsert if "TRIGGER" in statement]


def _apply(schema_editor, pg, key):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(pg)
        elif vendor == "sqlite":
            for statement in _sqlite_triggers(key):
                cursor.execute(statement)


def forward(apps, schema_editor):
    _apply(schema_editor, PG_FORWARD, "week_start, locality_id, category_id, slot")


def reverse(apps, schema_editor):
    _apply(schema_editor, PG_REVERSE, "week_start, locality_id, category_id")


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0013_report_inbox_sort_indexes'),
        ('insights', '0007_walk_place_position'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reportweekcount',
            name='rollup_week_loc_cat',
        ),
        migrations.AddField(
            model_name='reportweekcount',
            name='slot',
            field=models.SmallIntegerField(db_default=0, verbose_name='slot'),
        ),
        migrations.AddConstraint(
            model_name='reportweekcount',
            constraint=models.UniqueConstraint(fields=('week_start', 'locality', 'category', 'slot'), name='rollup_week_loc_cat_slot'),
        ),
        migrations.RunPython(forward, reverse),
    ]
