"""The benchmark's scenarios, each measured beside a reference point in the
same run and on the same server. Add one with `scenario(...)`; an app's
capability (inbox, report submit, lägesbild…) gets its row here once it exists,
next to the reference it is held against (docs/performance.md lists the goals
still waiting for their scenario).

A target is either an HTTP request to the bench server (`Http`: a path, or a
callable `ctx -> path` for paths that need an id from the bench data; `persona`
logs in first) or a callable `ctx -> Measured` for work that is not a request
(e-mail throughput through a real worker)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Http:
    path: str | Callable
    method: str = "GET"
    body: str = ""
    persona: str | None = None
    expect: int = 200


@dataclass(frozen=True)
class Measured:
    rate: float  # units per second
    queries: float | None = None  # database queries per unit


@dataclass(frozen=True)
class Reference:
    name: str
    target: Http | Callable
    description: str
    unit: str = "req/s"


@dataclass(frozen=True)
class Scenario:
    name: str
    reference: str
    target: Http | Callable
    goal: float  # Tryggsam rate ÷ reference rate must be at least this
    limits: str  # what bounds it (for docs/performance.md)
    unit: str = "req/s"


REFERENCES: dict[str, Reference] = {}
SCENARIOS: list[Scenario] = []


def reference(name: str, target, description: str, unit: str = "req/s") -> None:
    REFERENCES[name] = Reference(name, target, description, unit)


def scenario(name: str, reference: str, target, goal: float, limits: str,
             unit: str = "req/s") -> None:
    SCENARIOS.append(Scenario(name, reference, target, goal, limits, unit))


# --- References (bench/views.py, bench/tasks.py) ------------------------------

reference("minimal view", Http("/bench/minimal/"),
          "a Django view returning 'ok' through the full middleware stack")
reference("one query", Http("/bench/db/"), "a view running one trivial SQL query")
reference("raw list 50", Http("/bench/list/?status=new"),
          "raw indexed query for the 50 newest reports in one status, as JSON")
reference("raw insert", Http("/bench/insert/", method="POST", body="text=x", expect=201),
          "one raw INSERT in its own transaction")
reference("read + audit", Http(lambda ctx: f"/bench/read-audit/{ctx.any_report_id()}/"),
          "one row read by id plus one audit INSERT, in one transaction")
reference("raw aggregate", Http(lambda ctx: f"/bench/aggregate/{ctx.year}/"),
          "raw indexed count of a year's reports per locality and category")


def _bare_celery(ctx) -> Measured:
    from bench import mail

    return mail.bare_celery(ctx)


def _outbox(ctx) -> Measured:
    from bench import mail

    return mail.outbox(ctx)


reference("bare Celery e-mail", _bare_celery,
          "one Celery task per e-mail, each opening SMTP and sending (same worker, "
          "same local SMTP sink)", unit="mails/s")

# --- Tryggsam scenarios --------------------------------------------------------

scenario("start page (coordinator)", "minimal view", Http("/", persona="coordinator"), 0.25,
         "session and user lookup, role groups, every registered start-page panel, "
         "template rendering of base.html")
scenario("health check", "one query", Http("/health/", expect=200), 0.3,
         "three checks per request: SELECT 1, a new Redis connection and PING, "
         "the newest worker heartbeat")
scenario("login page", "minimal view", Http("/accounts/login/"), 0.4,
         "CSRF token and cookie, form rendering, base.html")
scenario("reminders: outbox throughput", "bare Celery e-mail", _outbox, 0.5,
         "one tick claims rows one by one (SELECT … FOR UPDATE SKIP LOCKED, UPDATE "
         "per row), renders three templates per message, one SMTP connection per tick",
         unit="mails/s")
