"""Real processes for the fault-injection tests: a gunicorn server with the
bench settings (production-like, DEBUG off, persistent database connections)
on the test database, and Celery worker/beat processes on a private Redis."""

import http.client
import os
import signal
import sys
import tempfile
import time

import pytest

from tests.support.processes import ManagedProcess, celery_command, process_env, wait_until
from tests.support.smtp import free_port


def http_get(port: int, path: str, timeout: float = 15.0, headers: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


def _answers(port: int) -> bool:
    try:
        return http_get(port, "/bench/minimal/", timeout=2)[0] == 200
    except OSError:
        return False


@pytest.fixture
def private_broker(settings, private_redis):
    """Point this test (and every process it starts) at a private redis-server
    that the test may stop and restart."""
    settings.REDIS_URL = private_redis.url
    settings.CELERY_BROKER_URL = private_redis.url
    return private_redis


@pytest.fixture
def real_server(settings, transactional_db):
    """gunicorn (1 worker, bench settings) on a free port, on the test database.
    One worker, so consecutive requests share one database connection."""
    port = free_port()
    env = process_env(
        settings, DJANGO_SETTINGS_MODULE="config.settings.bench",
        DATABASE_CONN_MAX_AGE=60, STATIC_ROOT=tempfile.mkdtemp(prefix="tryggsam-static-"),
    )
    server = ManagedProcess(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--graceful-timeout", "5"],
        env, "gunicorn",
    ).start()
    server.port = port
    try:
        wait_until(lambda: _answers(port), 60, message="gunicorn did not start")
    except AssertionError:
        server.stop()
        raise AssertionError(server.log()) from None
    yield server
    server.stop()


@pytest.fixture
def celery_processes(settings, transactional_db):
    """Start worker or beat processes against settings.REDIS_URL (point it at
    `private_redis` first); every one is stopped after the test."""
    started = []
    schedule_dir = tempfile.mkdtemp(prefix="tryggsam-beat-")

    def start(kind: str, **extra_env) -> ManagedProcess:
        env = process_env(settings, **extra_env)
        n = len(started)
        if kind == "worker":
            args = celery_command("worker", "--pool", "solo", "--without-gossip",
                                  "--without-mingle", "--loglevel", "INFO",
                                  "-n", f"fault-{os.getpid()}-{n}@%h")
        else:
            args = celery_command("beat", "--loglevel", "INFO",
                                  "-s", os.path.join(schedule_dir, f"schedule-{n}"))
        process = ManagedProcess(args, env, kind).start()
        started.append(process)
        return process

    yield start
    # SIGTERM to all first, so that they shut down in parallel
    for process in started:
        if process.proc and process.proc.poll() is None:
            os.killpg(process.proc.pid, signal.SIGTERM)
    for process in started:
        process.stop()


def wait_a_little(seconds: float) -> None:
    """Let real processes run for a bounded time (the fault is ongoing)."""
    time.sleep(seconds)
