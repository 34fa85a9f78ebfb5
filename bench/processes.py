"""The bench's processes: free loopback ports, servers and workers started in
their own session (so a failed run never leaves one behind), HTTP probes."""

from __future__ import annotations

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args: list[str], name: str) -> subprocess.Popen:
    log_file = (RESULTS / f"{name}.log.tmp").open("wb")
    return subprocess.Popen(args, cwd=ROOT, env=dict(os.environ), stdout=log_file,
                            stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    import signal

    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def http_status(port: int, path: str, method: str = "GET", body: str = "",
                headers: dict | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = dict(headers or {})
        if body:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        conn.close()


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up; see bench/results/*.log.tmp")
        time.sleep(0.2)


def gunicorn(port: int, workers: int, name: str) -> subprocess.Popen:
    return start([sys.executable, "-m", "gunicorn", "config.wsgi:application",
                  "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                  "--log-level", "warning", "--timeout", "120"], name)
