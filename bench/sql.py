"""Raw SQL of the reference endpoints, and the two scratch tables they write.
The scratch tables belong to the bench database only (created by bench/run.py),
not to any migration."""

SCRATCH_TABLES = [
    """CREATE TABLE IF NOT EXISTS bench_insert (
        id bigserial PRIMARY KEY,
        reference varchar(20) NOT NULL,
        category_id bigint NOT NULL,
        locality_id bigint NOT NULL,
        description text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now())""",
    "CREATE INDEX IF NOT EXISTS bench_insert_created ON bench_insert (created_at)",
    """CREATE TABLE IF NOT EXISTS bench_audit (
        id bigserial PRIMARY KEY,
        actor_id bigint NOT NULL,
        object_id bigint NOT NULL,
        action varchar(20) NOT NULL,
        at timestamptz NOT NULL DEFAULT now())""",
    "CREATE INDEX IF NOT EXISTS bench_audit_object ON bench_audit (object_id, at)",
]

# 50 newest reports in one status: the report_status_created index.
LIST_50 = """
    SELECT id, reference, status, created_at, locality_id, category_id
    FROM casework_report WHERE status = %s ORDER BY created_at DESC LIMIT 50"""

# The inbox goal's own reference: the 50 newest reports in one status with the
# names of their locality and category (two joins), no COUNT, no session.
LIST_50_JOINED = """
    SELECT r.id, r.reference, r.status, r.created_at, l.name, c.name
    FROM casework_report r
    JOIN casework_locality l ON l.id = r.locality_id
    JOIN casework_category c ON c.id = r.category_id
    WHERE r.status = %s ORDER BY r.created_at DESC LIMIT 50"""

INSERT_ONE = """
    INSERT INTO bench_insert (reference, category_id, locality_id, description)
    VALUES (%s, %s, %s, %s) RETURNING id"""

READ_ONE = "SELECT id, reference, status, created_at FROM casework_report WHERE id = %s"
AUDIT_ONE = "INSERT INTO bench_audit (actor_id, object_id, action) VALUES (%s, %s, 'read')"

# The weekly roll-up the lägesbild reads (insights, kept by triggers): a year's
# ISO weeks per locality and category.
ROLLUP_YEAR = """
    SELECT locality_id, category_id, sum(count) FROM insights_reportweekcount
    WHERE week_start >= %s AND week_start <= %s GROUP BY 1, 2"""
