"""Load generators for the benchmark, loopback only.

`measure(...)` drives one URL for a bounded time and a bounded number of
requests and returns the rate of successful requests. A response with any
status other than the expected one (a redirect to the login page, a 403, a
500) is an error, never throughput, with either generator. It uses `wrk` (Debian
package `wrk`) when /usr/bin/wrk exists, else the Python generator below
(threads, one keep-alive http.client connection per thread, reconnecting when
the server closes: gunicorn's sync workers close after every response)."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
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
            max_requests: int = 200_000, connections: int = 8,
            tool: str | None = None,
            content_type: str = "application/x-www-form-urlencoded") -> Result:
    tool = tool or ("wrk" if os.path.exists(WRK) and shutil.which(WRK) else "python")
    drain(port, connections)
    headers = dict(headers or {})
    if body:
        headers.setdefault("Content-Type", content_type)
    if tool == "wrk":
        for attempt in (1, 2):
            try:
                return _warn_if_empty(_wrk(port, path, method=method, body=body,
                                           headers=headers, expect=expect, seconds=seconds,
                                           connections=connections), path)
            except RuntimeError as error:
                # rare here: wrk gives up on a reset connection; retry, then fall back
                print(f"bench: {path}: {error} (attempt {attempt})", file=sys.stderr)
    result = _python(port, path, method=method, body=body, headers=headers, expect=expect,
                     seconds=seconds, max_requests=max_requests, connections=connections)
    return _warn_if_empty(result, path)


def _warn_if_empty(result: Result, path: str) -> Result:
    if result.requests == 0:
        print(f"bench: {path}: no request completed in {result.seconds:.1f} s (a server "
              "still busy, or a window shorter than one request)", file=sys.stderr)
    return result


# Both generators stop at the end of their window with requests still in
# flight; the server's sync workers answer those (and every connection still
# in the listen backlog) after the generator has gone. A slow page measured
# with 8 connections for 2 s (`--quick`) leaves seconds of such work, which
# ate the next target's whole window: the effects year page and its
# reference, measured in turn, both read 0 req/s with no errors. So every
# measurement first waits until the server has answered `connections`
# requests sent after the last generator stopped: the backlog is served in
# order, so by then the earlier work is done.
DRAIN_PATH = "/bench/minimal/"


def drain(port: int, connections: int = 8, timeout: float = 120.0) -> float:
    """Wait until the server has worked off what earlier load left queued;
    returns the seconds waited. Any status counts: only the answer matters."""
    started = time.monotonic()

    def probe():
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        try:
            conn.request("GET", DRAIN_PATH)
            conn.getresponse().read()
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()

    threads = [threading.Thread(target=probe) for _ in range(max(1, connections))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return time.monotonic() - started


# --- wrk ---------------------------------------------------------------------

def _lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Counts, per wrk thread, the responses whose status is not the expected one
# and prints their sum: wrk itself only counts statuses >= 400.
_WRK_STATUS_CHECK = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0 end
function response(status, headers, body)
  if status ~= EXPECT then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("Unexpected status: %d\\n", total))
end
"""


def _wrk(port, path, *, method, body, headers, expect, seconds, connections) -> Result:
    lines = [f"wrk.headers[{_lua_string(k)}] = {_lua_string(v)}" for k, v in headers.items()]
    script = (f"wrk.method = {_lua_string(method)}\nwrk.body = {_lua_string(body)}\n"
              + "\n".join(lines) + "\n"
              + _WRK_STATUS_CHECK.replace("EXPECT", str(int(expect))))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        threads = max(1, min(2, connections))
        done = subprocess.run(
            # --timeout as the Python generator's: a slow reference (the raw
            # count of a year, ~0.5 s) queues past wrk's default 2 s
            [WRK, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
             "--timeout", "30s", "-s", handle.name, f"http://{HOST}:{port}{path}"],
            capture_output=True, text=True, timeout=seconds + 60, check=False,
        )
        out = done.stdout
        if done.returncode != 0 or "requests in" not in out:
            raise RuntimeError(f"wrk failed ({done.returncode}): {out} {done.stderr}")
    finally:
        os.unlink(handle.name)
    total = int(re.search(r"(\d+) requests in ([\d.]+)(\w+)", out).group(1))
    duration = re.search(r"requests in ([\d.]+)(m?s|m)\b", out)
    value, unit = float(duration.group(1)), duration.group(2)
    elapsed = value / 1000 if unit == "ms" else value * 60 if unit == "m" else value
    match = re.search(r"Unexpected status: (\d+)", out)
    if match is None:
        raise RuntimeError(f"wrk printed no status count: {out}")
    errors = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                          out):
        # read errors are gunicorn closing sync connections: not failures
        errors += int(match.group(1)) + int(match.group(3)) + int(match.group(4))
    return Result(requests=total, errors=errors, seconds=elapsed, tool="wrk")


# --- Python ------------------------------------------------------------------

def _python(port, path, *, method, body, headers, expect, seconds, max_requests,
            connections) -> Result:
    payload = body.encode() if body else None
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
