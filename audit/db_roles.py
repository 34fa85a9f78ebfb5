"""Database roles in production: the database itself keeps the access log
append-only, even against the application.

- The **migration role** owns every table. It runs `migrate`, then
  `manage.py db_grant_app_role <app role>` after every migration.
- The **application role** (the one web, worker and beat connect with) owns
  nothing. On ordinary tables it may SELECT, INSERT, UPDATE and DELETE; on the
  append-only tables only SELECT and INSERT. UPDATE, DELETE and TRUNCATE are not
  granted, and ALTER TABLE (so also DISABLE TRIGGER) needs ownership, so
  PostgreSQL refuses all of them to the application role. The trigger of
  audit/migrations/0002 still refuses UPDATE and DELETE to everyone else.

`log_change_risks` tells what the current role could do to the log; the deploy
check (audit/checks.py) warns with it."""

import re

from .models import AccessLogEntry

# Tables the application may only append to and read. A new audit table
# (e.g. a log of role changes) is added here.
APPEND_ONLY_TABLES = (AccessLogEntry._meta.db_table,)

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleSetupError(Exception):
    """The grant step cannot make the application role safe (see message)."""


def _quote(name: str) -> str:
    # Names come from pg_class or from ROLE_NAME-checked input: no quotes inside.
    return '"' + name.replace('"', '""') + '"'


def app_role_grant(*, cursor, role: str) -> dict[str, list[str]]:
    """Grant `role` what the application needs in the current schema, and on
    the append-only tables only SELECT and INSERT. Run as the owner of the
    tables (the migration role), after `migrate`; idempotent. Returns the
    tables by kind of grant. The caller runs it in one transaction."""
    if not ROLE_NAME.match(role):
        raise RoleSetupError(f"{role!r} is not a plain lower-case role name")
    cursor.execute(
        "SELECT rolsuper, pg_has_role(%s, current_user, 'MEMBER') FROM pg_roles"
        " WHERE rolname = %s", [role, role],
    )
    row = cursor.fetchone()
    if row is None:
        raise RoleSetupError(f"role {role} does not exist")
    is_superuser, is_owner_or_member = row
    if is_superuser or is_owner_or_member:
        # A superuser, or a role that can act as the table owner, could alter
        # the log whatever is granted here.
        raise RoleSetupError(f"role {role} is a superuser or can act as the owner")

    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
        " AND pg_has_role(current_user, c.relowner, 'USAGE') ORDER BY c.relname"
    )
    tables = [name for (name,) in cursor.fetchall()]
    _require_owned_append_only_tables(cursor, tables)
    grantee = _quote(role)
    cursor.execute(f"GRANT USAGE ON SCHEMA {_quote_schema(cursor)} TO {grantee}")
    done = {"append_only": [], "read_write": []}
    for table in tables:
        target = _quote(table)
        cursor.execute(f"REVOKE ALL ON TABLE {target} FROM {grantee}, PUBLIC")
        if table in APPEND_ONLY_TABLES:
            cursor.execute(f"GRANT SELECT, INSERT ON TABLE {target} TO {grantee}")
            done["append_only"].append(table)
        else:
            cursor.execute(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE {target} TO {grantee}")
            done["read_write"].append(table)
    # nextval for serial columns; identity columns need only INSERT.
    cursor.execute(
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_quote_schema(cursor)} TO {grantee}")
    return done


def _require_owned_append_only_tables(cursor, owned: list[str]) -> None:
    """A GRANT by a non-owner is only a warning in PostgreSQL; refuse loudly
    instead, so the log is never left with grants nobody checked."""
    for table in APPEND_ONLY_TABLES:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
        if not cursor.fetchone()[0]:
            raise RoleSetupError(f"{table} does not exist: run migrate first")
        if table not in owned:
            raise RoleSetupError(f"{table} is not owned by the role running this command")


def _quote_schema(cursor) -> str:
    cursor.execute("SELECT current_schema()")
    return _quote(cursor.fetchone()[0])


def log_change_risks(*, cursor) -> dict[str, list[str]]:
    """What the current database role could do to each append-only table
    beyond INSERT and SELECT: 'UPDATE', 'DELETE', 'TRUNCATE' privileges, and
    'owner' when it owns the table or can act as its owner (ALTER TABLE,
    DISABLE TRIGGER, DROP). A superuser has all of them. Tables that do not
    exist yet are left out."""
    risks = {}
    for table in APPEND_ONLY_TABLES:
        cursor.execute(
            "SELECT has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE'),"
            " has_table_privilege(c.oid, 'TRUNCATE'),"
            " pg_has_role(current_user, c.relowner, 'MEMBER')"
            " FROM pg_class c WHERE c.oid = to_regclass(%s)", [table],
        )
        row = cursor.fetchone()
        if row is None:
            continue
        found = [name for name, held in zip(("UPDATE", "DELETE", "TRUNCATE", "owner"), row,
                                            strict=True) if held]
        if found:
            risks[table] = found
    return risks
