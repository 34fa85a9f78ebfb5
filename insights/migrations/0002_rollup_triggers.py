"""Keep insights_reportweekcount exactly in step with casework_report.

Triggers rather than Django signals: bulk_create, queryset.update()/delete(),
raw SQL and COPY all bypass signals, a trigger sees every row change and runs in
the same transaction. The upsert (INSERT … ON CONFLICT DO UPDATE) is atomic
under concurrency: two reports in the same cell serialise on the roll-up row.
A report counts when its status is not "moved" (extremism track)."""

from django.db import migrations

PG_FORWARD = r"""
CREATE OR REPLACE FUNCTION insights_rollup_apply(p_day date, p_loc bigint, p_cat bigint, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO insights_reportweekcount (week_start, locality_id, category_id, count)
    VALUES (date_trunc('week', p_day)::date, p_loc, p_cat, p_delta)
    ON CONFLICT (week_start, locality_id, category_id)
    DO UPDATE SET count = insights_reportweekcount.count + EXCLUDED.count;
END;
$$;

CREATE OR REPLACE FUNCTION insights_rollup_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.occurred_on IS NOT DISTINCT FROM NEW.occurred_on
           AND OLD.locality_id IS NOT DISTINCT FROM NEW.locality_id
           AND OLD.category_id IS NOT DISTINCT FROM NEW.category_id
           AND (OLD.status = 'moved') = (NEW.status = 'moved') THEN
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'moved' THEN
        PERFORM insights_rollup_apply(OLD.occurred_on, OLD.locality_id, OLD.category_id, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'moved' THEN
        PERFORM insights_rollup_apply(NEW.occurred_on, NEW.locality_id, NEW.category_id, 1);
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS insights_rollup_report_trg ON casework_report;
CREATE TRIGGER insights_rollup_report_trg
AFTER INSERT OR UPDATE OR DELETE ON casework_report
FOR EACH ROW EXECUTE FUNCTION insights_rollup_report();

DELETE FROM insights_reportweekcount;
INSERT INTO insights_reportweekcount (week_start, locality_id, category_id, count)
SELECT date_trunc('week', occurred_on)::date, locality_id, category_id, count(*)
FROM casework_report WHERE status <> 'moved'
GROUP BY 1, 2, 3;
"""

PG_REVERSE = r"""
DROP TRIGGER IF EXISTS insights_rollup_report_trg ON casework_report;
DROP FUNCTION IF EXISTS insights_rollup_report();
DROP FUNCTION IF EXISTS insights_rollup_apply(date, bigint, bigint, integer);
"""

# SQLite (the single-machine fallback): the same logic as three triggers.
# Monday of the week: date(d, '-N days') with N = (weekday + 6) % 7.
_SQLITE_WEEK = "date({d}, '-' || ((CAST(strftime('%w', {d}) AS integer) + 6) % 7) || ' days')"
_SQLITE_UPSERT = (
    "INSERT INTO insights_reportweekcount (week_start, locality_id, category_id, count) "
    "SELECT {week}, {r}.locality_id, {r}.category_id, {delta} WHERE {r}.status <> 'moved' "
    "ON CONFLICT (week_start, locality_id, category_id) "
    "DO UPDATE SET count = count + excluded.count;"
)


def _sqlite_upsert(r, delta):
    return _SQLITE_UPSERT.format(week=_SQLITE_WEEK.format(d=f"{r}.occurred_on"), r=r,
                                 delta=delta)


SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS insights_rollup_ins",
    "DROP TRIGGER IF EXISTS insights_rollup_upd",
    "DROP TRIGGER IF EXISTS insights_rollup_del",
    "CREATE TRIGGER insights_rollup_ins AFTER INSERT ON casework_report BEGIN "
    + _sqlite_upsert("NEW", 1) + " END",
    "CREATE TRIGGER insights_rollup_upd AFTER UPDATE OF occurred_on, locality_id, category_id, "
    "status ON casework_report BEGIN " + _sqlite_upsert("OLD", -1) + " "
    + _sqlite_upsert("NEW", 1) + " END",
    "CREATE TRIGGER insights_rollup_del AFTER DELETE ON casework_report BEGIN "
    + _sqlite_upsert("OLD", -1) + " END",
    "DELETE FROM insights_reportweekcount",
    "INSERT INTO insights_reportweekcount (week_start, locality_id, category_id, count) "
    "SELECT " + _SQLITE_WEEK.format(d="occurred_on") + ", locality_id, category_id, count(*) "
    "FROM casework_report WHERE status <> 'moved' GROUP BY 1, 2, 3",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS insights_rollup_ins",
    "DROP TRIGGER IF EXISTS insights_rollup_upd",
    "DROP TRIGGER IF EXISTS insights_rollup_del",
]


def _run(schema_editor, statements):
    # Without params, so the % in strftime('%w') is not taken for a placeholder.
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, [PG_FORWARD])
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, [PG_REVERSE])
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("casework", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(forward, reverse)]
