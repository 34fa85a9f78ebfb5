"""scripts/test_services.py: `make test` starts PostgreSQL and Redis of its
own when none answers, and leaves nothing running."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "test_services.py"


def load_script():
    spec = importlib.util.spec_from_file_location("test_services", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


test_services = load_script()
Address = test_services.Address

# Run inside the services: what the tests would see.
PROBE = """
import os, psycopg, redis
with psycopg.connect(os.environ["DATABASE_URL"]) as db:
    print(db.execute("SELECT current_user, current_database()").fetchone())
    print(db.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone())
    print(db.execute("SHOW listen_addresses").fetchone())
    print(db.execute("SHOW unix_socket_directories").fetchone())
print(redis.Redis.from_url(os.environ["REDIS_URL"]).ping())
"""


def test_its_defaults_are_those_of_the_test_settings():
    settings = (ROOT / "config" / "settings" / "test.py").read_text()
    assert f'"DATABASE_URL", "{test_services.DEFAULT_DATABASE_URL}"' in settings
    assert f'"REDIS_URL", "{test_services.DEFAULT_REDIS_URL}"' in settings


@pytest.mark.parametrize("url", ["postgres://root@127.0.0.1:5499/x", "redis://localhost:6499/0",
                                 "redis://[::1]:6499/0", "postgres://u@127.0.0.2/x"])
def test_it_starts_servers_on_this_machine_only(url):
    assert Address.from_url(url, 5432).is_local()


@pytest.mark.parametrize("url", ["postgres://root@db.example.org:5432/x",
                                 "postgres://root@10.0.0.5/x", "redis://192.0.2.1:6379/0"])
def test_it_never_starts_one_for_another_machine(url):
    assert not Address.from_url(url, 5432).is_local()


def test_a_missing_port_takes_the_services_default():
    assert Address.from_url("postgres://root@127.0.0.1/x", 5432) == Address("127.0.0.1", 5432)


def run_script(command: list[str], **urls) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "run", "--", *command], env={**os.environ, **urls},
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )


@pytest.fixture
def free_ports():
    """Two free ports; afterwards, what our servers kept for them is removed."""
    ports = free_port(), free_port()
    yield ports
    for port in ports:
        shutil.rmtree(test_services.STATE_DIR / f"postgres-{port}", ignore_errors=True)
        for log in test_services.STATE_DIR.glob(f"*-{port}.log"):
            log.unlink()


@pytest.mark.slow
def test_it_brings_up_postgresql_and_redis_and_stops_them(free_ports):
    pg_port, redis_port = free_ports
    run = run_script([sys.executable, "-c", PROBE],
                     DATABASE_URL=f"postgres://tryggsam_probe@127.0.0.1:{pg_port}/probe",
                     REDIS_URL=f"redis://127.0.0.1:{redis_port}/3")
    # The URL's role and database exist, the role is a superuser; the server
    # listens on the requested address only, with no Unix socket.
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "('tryggsam_probe', 'probe')", "(True,)", "('127.0.0.1',)", "('',)", "True"]
    assert "starting PostgreSQL" in run.stderr and "starting Redis" in run.stderr
    # Nothing is left listening.
    assert not Address("127.0.0.1", pg_port).answers()
    assert not Address("127.0.0.1", redis_port).answers()


@pytest.mark.slow
def test_it_uses_a_server_that_answers_and_passes_the_exit_status_on(free_ports):
    redis_port = free_ports[1]
    run = run_script(["sh", "-c", "exit 3"],
                     DATABASE_URL=os.environ.get("DATABASE_URL",
                                                 test_services.DEFAULT_DATABASE_URL),
                     REDIS_URL=f"redis://127.0.0.1:{redis_port}/0")
    # The PostgreSQL of this run answers and is used as it is; a failing
    # command fails make test, and our Redis is stopped all the same.
    assert run.returncode == 3, run.stderr
    assert "PostgreSQL answers" in run.stderr
    assert "Redis stopped" in run.stderr
    assert not Address("127.0.0.1", redis_port).answers()
