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
   kept, 8 connections. HTTP load: wrk when /usr/bin/wrk exists, else
   bench/load.py; any status but the expected one is an error, and a scenario
   with errors fails its goal. Each row records queries and bytes per request.
4. Measures inbox and report submit on one and on two web processes (a
   figure), and the reminder latency (due → SMTP, p99) at the production tick
   with real Celery beat (bench/latency.py, about four minutes).
5. Prints the table, writes bench/results/<timestamp>.json, refreshes the
   figures in docs/performance.md and profiles the slowest scenario with
   pyinstrument (docs/performance-profile.txt).

Options: --rounds, --seconds, --connections, --quick (2 rounds of 2 s),
--reload (drop and recreate the bench database), --no-latency,
--no-scale-out, --only. Loopback only."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, log  # noqa: E402
from bench.measure import measure_scale_out, run_measurements  # noqa: E402
from bench.processes import RESULTS, free_port, gunicorn, http_status, start, stop, wait_for  # noqa: E402,E501
from bench.report import goals_met, machine, profile_slowest, table, write_doc  # noqa: E402
from bench.volume import ensure_database, prepare  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://root@127.0.0.1:5432/tryggsam_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"


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
            # a finished sign-in: the persona has shown its second factor too
            from accounts.second_factor import session_data_with_second_factor

            session = client.session
            session.update(session_data_with_second_factor(self.user(persona)))
            session.save()
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
            # The cookies a browser holds once signed in and shown a page: the
            # session and the CSRF cookie (without it every page would make
            # a new CSRF secret and set it again, which no browser asks for).
            client = self.client(persona)
            client.get("/")
            self._cookies[persona] = "; ".join(
                f"{name}={client.cookies[name].value}"
                for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME))
        return {"Cookie": self._cookies[persona]}

    def referral_id(self) -> int:
        from concerns.models import Referral

        referral = (Referral.objects.filter(receiver_user__username="bench-social")
                    .order_by("pk").first())
        if referral is None:
            raise LookupError("no bench referral (prepare_referral did not run)")
        return referral.pk

    def inbox_last_page(self) -> str:
        """The inbox's last page for the coordinator over every open triage
        task, reached as a user does: the first page's "Last page" link (the
        keyset pager's `rel="last"`), not a page number worked out here."""
        import re
        from html import unescape

        if not hasattr(self, "_last_page"):
            response = self.client("coordinator").get("/inkorg/")
            link = re.search(r'<a href="([^"]*)" rel="last"', response.content.decode())
            if response.status_code != 200 or link is None:
                raise LookupError("the inbox's first page has no link to its last page")
            self._last_page = "/inkorg/" + unescape(link.group(1))
        return self._last_page

    def any_report_id(self) -> int:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM casework_report ORDER BY id DESC LIMIT 1")
            row = cursor.fetchone()
        if row is None:
            raise LookupError("no reports in the bench database (load_volume missing)")
        return row[0]


# --- main ------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--quick", action="store_true", help="2 rounds of 2 s")
    parser.add_argument("--reload", action="store_true", help="rebuild the bench database")
    parser.add_argument("--no-doc", action="store_true", help="leave docs/ untouched")
    parser.add_argument("--only", default="",
                        help="comma-separated scenario names: measure only these")
    parser.add_argument("--result-name", default="", help="file name in bench/results/")
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument run")
    parser.add_argument("--no-latency", action="store_true",
                        help="skip the reminder-latency scenario (about 4 minutes)")
    parser.add_argument("--no-scale-out", action="store_true",
                        help="skip the 1 vs 2 web processes figures")
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
    server = gunicorn(port, 2, "gunicorn")
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
        scale_out = [] if options.no_scale_out or options.only else measure_scale_out(options,
                                                                                      ctx)
        latency = None
        if not options.no_latency and (not options.only or "reminder latency" in options.only):
            from bench.latency import reminder_latency

            log("reminder latency at the production tick (about 4 minutes)")
            latency = reminder_latency(sink, start, stop)
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
        "scenarios": rows, "latency": latency, "scale_out": scale_out,
        "met": goals_met(rows, latency), "profiled": profiled,
        "unavailable": [f"{s.name} (needs {s.requires})" for s in SCENARIOS
                        if not available(s)],
    }
    if options.result_name:
        result["file"] = options.result_name
    (RESULTS / result["file"]).write_text(json.dumps(result, indent=2, default=str) + "\n")
    if not options.no_doc:
        write_doc(result)
    print()
    for row in scale_out:
        print(f"scale-out, {row['scenario']}: {row['rate_1']:.1f} req/s on 1 web process, "
              f"{row['rate_2']:.1f} on 2 (× {row['factor']:.2f}; a figure, not a goal)")
    print(table(rows, latency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
