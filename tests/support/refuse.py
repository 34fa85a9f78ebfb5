"""Make PostgreSQL refuse writes to one table, for the rest of a test (the
test's transaction rolls the trigger back): how the fail-closed tests break
a real write without mocking it."""

from django.db import connection


def refuse_inserts(table: str) -> None:
    """Every INSERT into `table` raises an error in the database."""
    if not table.replace("_", "").isalnum():
        raise ValueError(f"not a table name: {table!r}")
    with connection.cursor() as cursor:
        cursor.execute(f"""
            CREATE FUNCTION test_refuse_{table}() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'writes to {table} refused by the test'; END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER test_refuse_{table} BEFORE INSERT ON {table}
            FOR EACH ROW EXECUTE FUNCTION test_refuse_{table}();
        """, None)  # noqa: S608  # nosec B608: the name is checked above
