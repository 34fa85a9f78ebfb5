#!/usr/bin/env python
"""`make bench`: measure Tryggsam beside reference points, on the real server.

1. Prepares the PostgreSQL database BENCH_DATABASE_URL (default
   postgres://root@127.0.0.1:5432/tryggsam_bench): creates and migrates it, and
   loads the volume once: `manage.py load_volume` when that command exists
   (BENCH_REPORTS reports, default 1,000,000; BENCH_OPEN_TASKS open tasks,
   default 10,000; BENCH_ACCESS_LOG access-log rows, default 100,000, for the
   options the command has), plus outbox history. A marker row
   (bench_marker) records what was loaded, so later runs reuse it.
2. Starts gunicorn (2 sync workers, config.settings.bench: production settings
   on plain HTTP, DEBUG off, persistent connections) on a free loopback port,
   a Celery worker (prefork, 2 processes) and a local SMTP sink.
3. Measures every target of bench/scenarios.py: a warm-up, then ROUNDS rounds
   in turn (references and scenarios interleaved, so drift hits both), median
   kept. HTTP load: wrk when /usr/bin/wrk exists, else bench/load.py.
4. Prints the table, writes bench/results/<timestamp>.json, refreshes the
   figures in docs/performance.md and profiles the slowest scenario with
   pyinstrument (docs/performance-profile.txt).

Options: --rounds, --seconds, --connections, --quick (2 rounds of 2 s),
--reload (drop and recreate the bench database). Loopback only."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://root@127.0.0.1:5432/tryggsam_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "performance.md"
PROFILE = ROOT / "docs" / "performance-profile.txt"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
OUTBOX_HISTORY = 100_000  # sent e-mails already in the outbox (years of reminders)

# persona → role names of the bench users the scenarios log in as
PERSONAS = {"coordinator": ["Trygghetssamordnare"], "reporter": ["Rapportör"],
            "social": ["Socialtjänst"]}


def log(message: str) -> None:
    print(f"bench: {message}", flush=True)


# --- the database ---------------------------------------------------------------

def ensure_database(url: str, reload: bool) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reload:
            log(f"dropping {name}")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            log(f"creating {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare() -> dict:
    from django.contrib.auth.models import Group
    from django.core.management import call_command, get_commands
    from django.db import connection

    from accounts.models import Organisation, User
    from bench.sql import SCRATCH_TABLES

    log("migrating")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        for statement in SCRATCH_TABLES:
            cursor.execute(statement)
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker "
                       "(name text PRIMARY KEY, value jsonb NOT NULL, at timestamptz "
                       "NOT NULL DEFAULT now())")
        cursor.execute("TRUNCATE bench_insert, bench_audit")
    organisation, _ = Organisation.objects.get_or_create(name="Bench")
    for persona, roles in PERSONAS.items():
        user, created = User.objects.get_or_create(
            username=f"bench-{persona}", defaults={"first_name": "Bench", "last_name": persona,
                                                   "organisation": organisation},
        )
        if created:
            user.set_unusable_password()
            user.email = f"bench-{persona}@example.org"
            user.save()
        user.groups.set(Group.objects.filter(name__in=roles))
    prepare_referral()

    has_command = "load_volume" in get_commands()
    wanted = {"load_volume": has_command,
              "reports": int(os.environ.get("BENCH_REPORTS", 1_000_000)) if has_command else 0,
              "open_tasks": int(os.environ.get("BENCH_OPEN_TASKS", 10_000)) if has_command else 0,
              "access_log": int(os.environ.get("BENCH_ACCESS_LOG", 100_000)) if has_command else 0,
              "outbox_history": OUTBOX_HISTORY}
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM bench_marker WHERE name = 'volume'")
        row = cursor.fetchone()
    marker = json.loads(row[0]) if row and isinstance(row[0], str) else (row[0] if row else None)
    if marker and (marker.get("load_volume") or not wanted["load_volume"]):
        if marker != wanted:
            log(f"reusing volume {marker} (asked for {wanted}; --reload to rebuild)")
        else:
            log(f"reusing volume {marker}")
        vacuum_like_autovacuum()
        return marker
    if not marker:
        load_outbox_history(OUTBOX_HISTORY)
    if wanted["load_volume"]:
        run_load_volume(wanted)
    else:
        log("no load_volume command on this branch: loading only the outbox history")
    vacuum_like_autovacuum()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("INSERT INTO bench_marker (name, value) VALUES ('volume', %s) "
                       "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, at = now()",
                       [json.dumps(wanted)])
    return wanted


def vacuum_like_autovacuum() -> None:
    """VACUUM (ANALYZE) the tables autovacuum would vacuum now (dead rows over
    its default threshold, 50 + 20 % of the live rows). The PostgreSQL here may
    run with autovacuum off (test speed); without this, load_volume's million
    trigger UPDATEs of the weekly roll-up, and each run's own writes, leave
    tables bloated in a way a production database never stays."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT schemaname, relname FROM pg_stat_user_tables "
                       "WHERE n_dead_tup > 50 + 0.2 * n_live_tup")
        tables = cursor.fetchall()
        for schema, table in tables:
            cursor.execute(f'VACUUM (ANALYZE) "{schema}"."{table}"')
    if tables:
        log("vacuumed " + ", ".join(table for _schema, table in tables))


def prepare_referral() -> None:
    """A concern with a referral addressed to bench-social, made through the
    concerns services (access log, outbox and flow included), once."""
    from django.apps import apps

    if not apps.is_installed("concerns"):
        return
    from accounts.models import User
    from concerns import services
    from concerns.choices import ReferralKind, Source
    from concerns.models import Referral

    receiver = User.objects.get(username="bench-social")
    if not receiver.email:
        receiver.email = "bench-social@example.org"
        receiver.save(update_fields=["email"])
    if Referral.objects.filter(receiver_user=receiver).exists():
        return
    coordinator = User.objects.get(username="bench-coordinator")
    log("creating the bench concern and its referral")
    concern = services.concern_create(actor=coordinator, source=Source.PHONE, data={
        "raised_by_role": "Lärare", "raised_by_organisation": "Skola",
        "raised_by_contact": "bench", "indicators": "Bench: påhittad oro."})
    services.concern_triage(actor=coordinator, concern_id=concern.pk,
                            data={"risk_assessment": "Bench."})
    services.referral_send(actor=coordinator, concern_id=concern.pk, kind=ReferralKind.SUPPORT,
                           receiver_user=receiver, message="Bench: stödsamtal.")


def run_load_volume(wanted: dict) -> None:
    from django.core.management import call_command, load_command_class
    from django.core.management import get_commands as commands

    command = load_command_class(commands()["load_volume"], "load_volume")
    accepted = {action.dest for action in command.create_parser("manage.py", "load_volume")
                ._actions}
    options = {k: wanted[k] for k in ("reports", "open_tasks", "access_log") if k in accepted}
    log(f"load_volume {options} (once; reused on later runs)")
    started = time.monotonic()
    call_command("load_volume", **options)
    log(f"load_volume took {time.monotonic() - started:.0f} s")


def load_outbox_history(count: int) -> None:
    from django.db import connection

    log(f"loading {count} sent e-mails into the outbox")
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO notifications_outgoingemail (key, to_email, template, context,
                calendar, attachments, status, due_at, attempts, last_error, sent_at,
                created_at)
            SELECT 'history:' || n, 'm' || n || '@example.org', 'test_notice', '{}'::jsonb,
                '', '[]'::jsonb, 'sent', now() - n * interval '5 minutes', 1, '',
                now() - n * interval '5 minutes', now() - n * interval '5 minutes'
            FROM generate_series(1, %s) AS n
            ON CONFLICT (key) DO NOTHING""", [count])


# --- the processes ----------------------------------------------------------------

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


@dataclass
class Context:
    """What targets may use: the server's port, bench users' cookies, ids."""

    port: int
    app: object = None
    queue: str = ""
    sink: object = None
    outbox_queries: float | None = None
    year: int = field(default_factory=lambda: datetime.now().year)
    _cookies: dict = field(default_factory=dict)

    def user(self, persona: str):
        from accounts.models import User

        return User.objects.get(username=f"bench-{persona}")

    def client(self, persona: str | None):
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        if persona:
            client.force_login(self.user(persona))
        return client

    def headers(self, persona: str | None, auth: str = "session") -> dict:
        from django.conf import settings

        if not persona:
            return {}
        if auth == "token":
            from rest_framework.authtoken.models import Token

            token, _ = Token.objects.get_or_create(user=self.user(persona))
            return {"Authorization": f"Token {token.key}"}
        if persona not in self._cookies:
            client = self.client(persona)
            self._cookies[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={self._cookies[persona]}"}

    def referral_id(self) -> int:
        from concerns.models import Referral

        referral = (Referral.objects.filter(receiver_user__username="bench-social")
                    .order_by("pk").first())
        if referral is None:
            raise LookupError("no bench referral (prepare_referral did not run)")
        return referral.pk

    def any_report_id(self) -> int:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM casework_report ORDER BY id DESC LIMIT 1")
            row = cursor.fetchone()
        if row is None:
            raise LookupError("no reports in the bench database (load_volume missing)")
        return row[0]


def touch_heartbeat() -> None:
    """/health/ wants a recent worker heartbeat; beat is not part of the bench."""
    from django.utils import timezone

    from core.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(hostname="bench",
                                             defaults={"seen_at": timezone.now()})


# --- measuring ----------------------------------------------------------------------

def path_of(target, ctx) -> str:
    return target.path(ctx) if callable(target.path) else target.path


def queries_per_request(target, ctx) -> float:
    """Run the request in this process and count its queries: a GET once to
    warm the caches every worker keeps (the steady state the load measures),
    then once counted; other methods once, counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = ctx.client(target.persona if target.auth == "session" else None)
    method = getattr(client, target.method.lower())
    extra = {}
    if target.auth == "token":
        extra["HTTP_AUTHORIZATION"] = ctx.headers(target.persona, "token")["Authorization"]
    if target.body and target.content_type == "application/json":
        extra["content_type"] = target.content_type
        data = target.body
    elif target.body:
        data = dict(pair.split("=", 1) for pair in target.body.split("&"))
    else:
        data = None
    if target.method == "GET":
        method(path_of(target, ctx), data, **extra)
    with CaptureQueriesContext(connection) as queries:
        response = method(path_of(target, ctx), data, **extra)
    if response.status_code != target.expect:
        raise RuntimeError(f"{path_of(target, ctx)}: {response.status_code} in process, "
                           f"expected {target.expect}")
    return float(len(queries))


def measure_once(target, ctx, seconds: float, connections: int) -> dict:
    from bench.scenarios import Http

    if isinstance(target, Http):
        touch_heartbeat()
        result = load.measure(ctx.port, path_of(target, ctx), method=target.method,
                              body=target.body, headers=ctx.headers(target.persona, target.auth),
                              expect=target.expect, seconds=seconds,
                              connections=connections, content_type=target.content_type)
        return {"rate": result.rate, "errors": result.errors, "requests": result.requests,
                "tool": result.tool}
    measured = target(ctx)
    return {"rate": measured.rate, "errors": 0, "queries": measured.queries, "tool": "celery"}


def check_target(target, ctx) -> None:
    from bench.scenarios import Http

    if not isinstance(target, Http):
        return
    touch_heartbeat()
    headers = ctx.headers(target.persona, target.auth)
    if target.body:
        headers["Content-Type"] = target.content_type
    status = http_status(ctx.port, path_of(target, ctx), target.method, target.body, headers)
    if status != target.expect:
        raise RuntimeError(f"{path_of(target, ctx)} answered {status}, expected {target.expect}")


def run_measurements(options, ctx) -> tuple[dict, list]:
    from bench.scenarios import REFERENCES, SCENARIOS, Http, available

    scenarios = [scenario for scenario in SCENARIOS if available(scenario)]
    for scenario in SCENARIOS:
        if scenario not in scenarios:
            log(f"not on this build (no {scenario.requires}): {scenario.name}")
    only = {name.strip() for name in options.only.split(",") if name.strip()}
    if only:
        scenarios = [scenario for scenario in scenarios if scenario.name in only]
    targets = {}
    for scenario in scenarios:
        targets.setdefault(f"ref:{scenario.reference}", REFERENCES[scenario.reference].target)
        targets[f"scn:{scenario.name}"] = scenario.target
    for key, target in targets.items():
        check_target(target, ctx)
        if isinstance(target, Http):
            load.measure(ctx.port, path_of(target, ctx), method=target.method, body=target.body,
                         headers=ctx.headers(target.persona, target.auth),
                         expect=target.expect, seconds=options.warmup,
                         connections=options.connections, content_type=target.content_type)
        log(f"ready: {key}")
    rounds = {key: [] for key in targets}
    for number in range(1, options.rounds + 1):
        for key, target in targets.items():
            rounds[key].append(measure_once(target, ctx, options.seconds, options.connections))
        log(f"round {number}/{options.rounds} done")

    def summary(key):
        target = targets[key]
        rates = [r["rate"] for r in rounds[key]]
        if isinstance(target, Http):
            queries = queries_per_request(target, ctx)
        else:
            queries = rounds[key][-1].get("queries")
        return {"median": statistics.median(rates), "rates": [round(r, 1) for r in rates],
                "errors": sum(r["errors"] for r in rounds[key]), "queries": queries,
                "tool": rounds[key][-1]["tool"]}

    references = {}
    rows = []
    for scenario in scenarios:
        ref = references.setdefault(scenario.reference, summary(f"ref:{scenario.reference}"))
        mine = summary(f"scn:{scenario.name}")
        ratio = mine["median"] / ref["median"] if ref["median"] else 0.0
        rows.append({
            "scenario": scenario.name, "reference": scenario.reference,
            "unit": scenario.unit, "reference_rate": round(ref["median"], 1),
            "rate": round(mine["median"], 1), "ratio": round(ratio, 3), "goal": scenario.goal,
            # None: a row for information (a floor, a second reference), no goal
            "met": None if scenario.goal is None else
            ratio >= scenario.goal and mine["errors"] == 0 and ref["errors"] == 0,
            "queries": mine["queries"], "reference_queries": ref["queries"],
            "errors": mine["errors"], "rates": mine["rates"],
            "reference_rates": ref["rates"], "tool": mine["tool"], "limits": scenario.limits,
            "path": path_of(scenario.target, ctx) if isinstance(scenario.target, Http) else None,
        })
    return references, rows


# --- reporting ----------------------------------------------------------------------

def table(rows: list) -> str:
    head = ("scenario", "reference", "ref rate", "Tryggsam", "ratio", "goal", "met",
            "queries/req")
    lines = [head]
    for row in rows:
        queries = "" if row["queries"] is None else f"{row['queries']:g}"
        lines.append((row["scenario"], row["reference"],
                      f"{row['reference_rate']:.1f} {row['unit']}", f"{row['rate']:.1f}",
                      f"{row['ratio']:.2f}", goal_text(row),
                      met_text(row, "yes", "NO" + (" (errors)" if row["errors"] else "")),
                      queries))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    out.append(f"{goals_met(rows)} of {goals(rows)} goals met")
    return "\n".join(out)


def goals(rows: list) -> int:
    return sum(row["goal"] is not None for row in rows)


def goals_met(rows: list) -> int:
    return sum(bool(row["met"]) for row in rows)


def goal_text(row: dict) -> str:
    return "–" if row["goal"] is None else f"≥ {row['goal']:g}"


def met_text(row: dict, yes: str, no: str) -> str:
    return "(information)" if row["met"] is None else yes if row["met"] else no


def machine(tool: str) -> dict:
    import django
    from django.db import connection

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(int(memory) / 1024**2, 1),
            "os": platform.platform(), "python": platform.python_version(),
            "django": django.get_version(), "postgresql": postgres,
            "server": "gunicorn, 2 sync workers, config.settings.bench",
            "load_generator": tool}


def profile_slowest(rows: list, ctx) -> str | None:
    from pyinstrument import Profiler

    from bench.scenarios import SCENARIOS, Http

    by_name = {s.name: s for s in SCENARIOS}
    pages = [row for row in rows if isinstance(by_name[row["scenario"]].target, Http)
             and by_name[row["scenario"]].target.method == "GET"
             and by_name[row["scenario"]].target.auth == "session"]
    if not pages:
        return None
    slowest = min(pages, key=lambda row: row["rate"])
    client = ctx.client(by_name[slowest["scenario"]].target.persona)
    touch_heartbeat()
    for _ in range(20):
        client.get(slowest["path"])
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(200):
        client.get(slowest["path"])
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False)
    PROFILE.write_text(f"# pyinstrument: 200 × GET {slowest['path']} "
                       f"({slowest['scenario']}), in process, bench settings\n\n{text}",
                       encoding="utf-8")
    return slowest["scenario"]


def write_doc(result: dict) -> None:
    m = result["machine"]
    lines = [
        f"Run {result['timestamp']} (`bench/results/{result['file']}`), "
        f"{result['options']['rounds']} rounds of {result['options']['seconds']} s per "
        f"target after a {result['options']['warmup']} s warm-up, "
        f"{result['options']['connections']} connections; median of the rounds.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}; "
        f"Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']}; "
        f"{m['server']}; load from {m['load_generator']} on the same machine.",
        "",
        f"Volume: `{json.dumps(result['volume'])}`.",
        "",
        "| scenario | reference | reference rate | Tryggsam rate | ratio | goal | met "
        "| queries/req |",
        "|---|---|---:|---:|---:|---:|---|---:|",
    ]
    for row in result["scenarios"]:
        queries = "" if row["queries"] is None else f"{row['queries']:g}"
        lines.append(f"| {row['scenario']} | {row['reference']} | "
                     f"{row['reference_rate']:.1f} {row['unit']} | {row['rate']:.1f} | "
                     f"{row['ratio']:.2f} | {goal_text(row)} | "
                     f"{met_text(row, 'yes', '**no**')} | {queries} |")
    lines += ["", f"**{result['met']} of {goals(result['scenarios'])} goals met.**", ""]
    if result["unavailable"]:
        lines += ["Registered but not on this build (not measured, not counted): "
                  + "; ".join(result["unavailable"]) + ".", ""]
    lines += ["What limits each scenario:", ""]
    lines += [f"- *{row['scenario']}*: {row['limits']}." for row in result["scenarios"]]
    if result.get("profiled"):
        lines += ["", f"Profile of the slowest scenario ({result['profiled']}): "
                      "[performance-profile.txt](performance-profile.txt)."]
    block = "\n".join(lines)
    text = DOC.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    DOC.write_text(f"{before}{START}\n{block}\n{END}{after}", encoding="utf-8")


# --- main ------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="2 rounds of 2 s")
    parser.add_argument("--reload", action="store_true", help="rebuild the bench database")
    parser.add_argument("--no-doc", action="store_true", help="leave docs/ untouched")
    parser.add_argument("--only", default="",
                        help="comma-separated scenario names: measure only these")
    parser.add_argument("--result-name", default="", help="file name in bench/results/")
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument run")
    options = parser.parse_args()
    if options.quick:
        options.rounds, options.seconds, options.warmup = 2, 2.0, 1.0

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    sink_port = free_port()
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DATABASE_URL": database_url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL),
        "EMAIL_URL": f"smtp://127.0.0.1:{sink_port}",
        "DATABASE_CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    })
    RESULTS.mkdir(parents=True, exist_ok=True)
    ensure_database(database_url, options.reload)

    import django

    django.setup()
    from django.conf import settings

    # whitenoise warns about a missing STATIC_ROOT; the bench serves no static files
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    volume = prepare()

    from bench.mail import CountingSink, outbox_queries_per_mail
    from config.celery import app

    sink = CountingSink(sink_port)
    sink.start()
    port = free_port()
    queue = f"bench-{os.getpid()}"
    server = start([sys.executable, "-m", "gunicorn", "config.wsgi:application",
                    "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                    "--timeout", "120"], "gunicorn")
    worker = start([sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue,
                    "--concurrency", "2", "--include", "bench.tasks", "--without-gossip",
                    "--without-mingle", "--loglevel", "WARNING", "-n", f"{queue}@%h"], "worker")
    try:
        ctx = Context(port=port, app=app, queue=queue, sink=sink)
        wait_for(lambda: http_status(port, "/bench/minimal/") == 200, 60, "gunicorn")
        log(f"gunicorn on 127.0.0.1:{port}, worker on queue {queue}")
        from bench import mail

        mail.bare_celery(ctx, 10)  # warm-up: the worker is up and the sink answers
        ctx.outbox_queries = outbox_queries_per_mail()
        mail.outbox(ctx, 10)
        tool = "wrk" if Path(load.WRK).exists() else "python (bench/load.py)"
        references, rows = run_measurements(options, ctx)
        profiled = None if options.no_profile else profile_slowest(rows, ctx)
    finally:
        stop(server)
        stop(worker)
        sink.stop()

    from bench.scenarios import SCENARIOS, available

    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    result = {
        "timestamp": datetime.now().isoformat(timespec="seconds"),
        "file": f"{stamp}.json",
        "options": {k: getattr(options, k) for k in ("rounds", "seconds", "warmup",
                                                     "connections")},
        "machine": machine(tool), "volume": volume, "references": references,
        "scenarios": rows, "met": goals_met(rows), "profiled": profiled,
        "unavailable": [f"{s.name} (needs {s.requires})" for s in SCENARIOS
                        if not available(s)],
    }
    if options.result_name:
        result["file"] = options.result_name
    (RESULTS / result["file"]).write_text(json.dumps(result, indent=2, default=str) + "\n")
    if not options.no_doc:
        write_doc(result)
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
