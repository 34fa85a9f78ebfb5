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

INSERT_ONE = """
    INSERT INTO bench_insert (reference, category_id, locality_id, description)
    VALUES (%s, %s, %s, %s) RETURNING id"""

READ_ONE = "SELECT id, reference, status, created_at FROM casework_report WHERE id = %s"
AUDIT_ONE = "INSERT INTO bench_audit (actor_id, object_id, action) VALUES (%s, %s, 'read')"

# Reports of one year per locality and category: the report_occurred index.
AGGREGATE_YEAR = """
    SELECT locality_id, category_id, count(*) FROM casework_report
    WHERE occurred_on >= %s AND occurred_on < %s GROUP BY 1, 2"""
