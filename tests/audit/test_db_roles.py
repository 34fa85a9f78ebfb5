"""The production shape of the database roles, on a real PostgreSQL: a
migration role owns the tables, the application role may only INSERT and
SELECT on the access log, and the deploy check tells the two apart."""

import os
import subprocess
import sys
import time

import psycopg
import pytest
from django.db import connection

from tests.support.processes import ROOT


def _server() -> dict:
    db = connection.settings_dict
    return {"host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432}


class RoleSetup:
    """Two fresh login roles and a database owned by the migration role."""

    def __init__(self):
        suffix = f"{os.getpid()}_{time.time_ns() % 10**9}"
        self.migrator = f"tg_migrator_{suffix}"
        self.app = f"tg_app_{suffix}"
        self.database = f"tg_roles_{suffix}"
        server = _server()
        self.admin = psycopg.connect(dbname="postgres", user=connection.settings_dict["USER"],
                                     autocommit=True, **server)
        self.server = server

    def create(self):
        for role in (self.migrator, self.app):
            self.admin.execute(f"CREATE ROLE {role} LOGIN")
        self.admin.execute(f"CREATE DATABASE {self.database} OWNER {self.migrator}")

    def drop(self):
        self.admin.execute(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        for role in (self.app, self.migrator):
            self.admin.execute(f"DROP ROLE IF EXISTS {role}")
        self.admin.close()

    def url(self, role: str) -> str:
        return f"postgres://{role}@{self.server['host']}:{self.server['port']}/{self.database}"

    def manage(self, role: str, *args: str) -> subprocess.CompletedProcess:
        """manage.py connected as `role`: how the migrate service runs it."""
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
               "DATABASE_URL": self.url(role)}
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    def connect(self, role: str):
        return psycopg.connect(dbname=self.database, user=role, autocommit=True, **self.server)


@pytest.fixture(scope="module")
def roles(django_db_blocker):
    """Once per module (a full migrate takes half a minute): the migration role
    migrates its own database, then runs the grant step, as in production."""
    with django_db_blocker.unblock():
        setup = RoleSetup()
    setup.create()
    try:
        migrated = setup.manage(setup.migrator, "migrate", "-v0")
        assert migrated.returncode == 0, migrated.stderr
        setup.granted = setup.manage(setup.migrator, "db_grant_app_role", setup.app)
        yield setup
    finally:
        setup.drop()


def _refused(conn, statement: str) -> str:
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
        conn.execute(statement)
    return str(refused.value)


INSERT_ROW = (
    "INSERT INTO audit_accesslogentry"
    " (at, username, action, basis, object_type, object_reference, path)"
    " VALUES (now(), 'samordnare', 'read', 'coordinator', 'concern', 'O-2026-0001', '/oro/1/')"
)


def test_the_app_role_may_only_append_to_and_read_the_log(roles):
    # the grant step ran as the migration role after migrate (fixture)
    granted = roles.granted
    assert granted.returncode == 0, granted.stderr
    assert "insert and select only on audit_accesslogentry" in granted.stdout

    with roles.connect(roles.app) as app:
        # INSERT and SELECT work
        app.execute(INSERT_ROW)
        assert app.execute("SELECT count(*) FROM audit_accesslogentry").fetchone() == (1,)
        # ordinary tables stay read-write for the application
        app.execute("UPDATE django_session SET expire_date = now() WHERE false")
        app.execute("DELETE FROM notifications_outgoingemail WHERE false")

        # everything else on the log is refused by privileges, before any trigger
        for statement in ("UPDATE audit_accesslogentry SET username = 'someone else'",
                          "DELETE FROM audit_accesslogentry",
                          "TRUNCATE audit_accesslogentry"):
            assert "permission denied for table" in _refused(app, statement)
        for statement in ("ALTER TABLE audit_accesslogentry DISABLE TRIGGER USER",
                          "ALTER TABLE audit_accesslogentry"
                          " DISABLE TRIGGER audit_accesslogentry_append_only",
                          "DROP TABLE audit_accesslogentry"):
            assert "must be owner of table" in _refused(app, statement)
        rows = app.execute("SELECT username FROM audit_accesslogentry").fetchall()
        assert rows == [("samordnare",)]


def test_the_deploy_check_warns_as_owner_and_is_silent_as_app_role(roles):
    check = ("check", "--deploy", "--database", "default", "--tag", "database",
             "--fail-level", "WARNING")

    # the owner could alter the log: warned, naming what it could do
    as_owner = roles.manage(roles.migrator, *check)
    assert as_owner.returncode == 1
    assert "audit.W001" in as_owner.stderr
    assert "UPDATE, DELETE, TRUNCATE, owner" in as_owner.stderr

    # the application role could not: no issues
    as_app = roles.manage(roles.app, *check)
    assert as_app.returncode == 0, as_app.stderr
    assert "no issues" in as_app.stdout


def test_the_grant_step_refuses_a_role_that_can_act_as_the_owner(roles):
    # granting to the owner itself would leave the log changeable
    refused = roles.manage(roles.migrator, "db_grant_app_role", roles.migrator)
    assert refused.returncode == 1
    assert "can act as the owner" in refused.stderr
