"""Load generators for the benchmark, loopback only.

`measure(...)` drives one URL for a bounded time and a bounded number of
requests and returns the rate of successful requests. It uses `wrk` (Debian
package `wrk`) when /usr/bin/wrk exists, else the Python generator below
(threads, one keep-alive http.client connection per thread, reconnecting when
the server closes: gunicorn's sync workers close after every response)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass

HOST = "127.0.0.1"  # never anything else: the generator refuses other hosts
WRK = "/usr/bin/wrk"


@dataclass
class Result:
    requests: int
    errors: int
    seconds: float
    tool: str

    @property
    def rate(self) -> float:
        return (self.requests - self.errors) / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "rate": round(self.rate, 1)}


def measure(port: int, path: str, *, method: str = "GET", body: str = "",
            headers: dict | None = None, expect: int = 200, seconds: float = 5.0,
            max_requests: int = 200_000, connections: int = 4,
            tool: str | None = None) -> Result:
    tool = tool or ("wrk" if os.path.exists(WRK) and shutil.which(WRK) else "python")
    if tool == "wrk":
        return _wrk(port, path, method=method, body=body, headers=headers or {},
                    seconds=seconds, connections=connections)
    return _python(port, path, method=method, body=body, headers=headers or {}, expect=expect,
                   seconds=seconds, max_requests=max_requests, connections=connections)


# --- wrk ---------------------------------------------------------------------

def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(port, path, *, method, body, headers, seconds, connections) -> Result:
    lines = [f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items()]
    if body:
        lines.append('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"')
    script = (f"wrk.method = {_lua_string(method)}\nwrk.body = {_lua_string(body)}\n"
              + "\n".join(lines) + "\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        threads = max(1, min(2, connections))
        out = subprocess.run(
            [WRK, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
             "-s", handle.name, f"http://{HOST}:{port}{path}"],
            capture_output=True, text=True, timeout=seconds + 60, check=True,
        ).stdout
    finally:
        os.unlink(handle.name)
    total = int(re.search(r"(\d+) requests in ([\d.]+)(\w+)", out).group(1))
    duration = re.search(r"requests in ([\d.]+)(m?s|m)\b", out)
    value, unit = float(duration.group(1)), duration.group(2)
    elapsed = value / 1000 if unit == "ms" else value * 60 if unit == "m" else value
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                          out):
        # read errors are gunicorn closing sync connections: not failures
        errors += int(match.group(1)) + int(match.group(3)) + int(match.group(4))
    return Result(requests=total, errors=errors, seconds=elapsed, tool="wrk")


# --- Python ------------------------------------------------------------------

def _python(port, path, *, method, body, headers, expect, seconds, max_requests,
            connections) -> Result:
    headers = dict(headers)
    payload = body.encode() if body else None
    if payload is not None:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    lock = threading.Lock()
    counts = {"requests": 0, "errors": 0}
    deadline = time.monotonic() + seconds

    def worker():
        conn = None
        while time.monotonic() < deadline:
            with lock:
                if counts["requests"] >= max_requests:
                    return
                counts["requests"] += 1
            ok = False
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(HOST, port, timeout=30)
                conn.request(method, path, body=payload, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == expect
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                if conn is not None:
                    conn.close()
                conn = None
            if not ok:
                with lock:
                    counts["errors"] += 1
        if conn is not None:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return Result(requests=counts["requests"], errors=counts["errors"],
                  seconds=time.monotonic() - started, tool="python")
