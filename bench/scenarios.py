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

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Http:
    path: str | Callable
    method: str = "GET"
    body: str = ""
    persona: str | None = None
    expect: int = 200
    auth: str = "session"  # or "token": DRF's Authorization: Token …
    content_type: str = "application/x-www-form-urlencoded"


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
    goal: float | None  # Tryggsam rate ÷ reference rate must be at least this; None: information
    limits: str  # what bounds it (for docs/performance.md)
    unit: str = "req/s"
    # A URL name this scenario needs; on a build without it the scenario is
    # listed as unavailable (not measured, not counted), never faked.
    requires: str | None = None
    # Bounds that are part of the goal: the page's size in bytes and the
    # queries per request; a scenario over either fails its goal.
    max_bytes: int | None = None
    max_queries: int | None = None


REFERENCES: dict[str, Reference] = {}
SCENARIOS: list[Scenario] = []


def reference(name: str, target, description: str, unit: str = "req/s") -> None:
    REFERENCES[name] = Reference(name, target, description, unit)


def scenario(name: str, reference: str, target, goal: float | None, limits: str,
             unit: str = "req/s", requires: str | None = None, max_bytes: int | None = None,
             max_queries: int | None = None) -> None:
    SCENARIOS.append(Scenario(name, reference, target, goal, limits, unit, requires,
                              max_bytes, max_queries))


def url_names(patterns=None, namespace=None) -> set[str]:
    """Every namespaced URL name of the project."""
    from django.urls import URLResolver, get_resolver

    names = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            names |= url_names(entry.url_patterns, inner)
        elif entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def available(item: Scenario) -> bool:
    return not item.requires or item.requires in url_names()


# --- References (bench/views.py, bench/tasks.py) ------------------------------
# Each goal names its reference; these are those references, as defined there.

reference("minimal view", Http("/bench/minimal/"),
          "a Django view returning 'ok' through the full middleware stack")
reference("one query", Http("/bench/db/"), "a view running one trivial SQL query")
reference("raw list 50, joined", Http("/bench/list/joined/?status=new"),
          "anonymous: a raw indexed query for the 50 newest reports in one status joining "
          "report, locality and category, no COUNT, as JSON")
reference("raw insert", Http("/bench/insert/", method="POST", body="text=x", expect=201),
          "one raw INSERT in its own transaction")
reference("read + audit", Http(lambda ctx: f"/bench/read-audit/{ctx.any_report_id()}/"),
          "one row read by id plus one audit INSERT, in one transaction")
reference("roll-up read", Http(lambda ctx: f"/bench/rollup/{ctx.year}/"),
          "raw read of a year from the weekly report roll-up (insights_reportweekcount)")

# Information only (never a goal's reference): what a logged-in page pays.
reference("raw list 50, one table", Http("/bench/list/?status=new"),
          "anonymous: the 50 newest reports of one status from the report table alone")
reference("raw list 50, logged in",
          Http("/bench/list/logged-in/?status=new", persona="coordinator"),
          "the joined raw query and JSON for the logged-in coordinator: the session and "
          "user lookups every page behind the login pays, nothing else")


def _bare_celery(ctx) -> Measured:
    from bench import mail

    return mail.bare_celery(ctx)


def _outbox(ctx) -> Measured:
    from bench import mail

    return mail.outbox(ctx)


reference("bare Celery e-mail", _bare_celery,
          "one Celery task per e-mail that opens SMTP with smtplib and sends a message "
          "rendered beforehand (same worker, same local SMTP sink; the clock starts before "
          "the tasks are enqueued)", unit="mails/s")

# --- EST scenarios (issue 4): measured once their URL is on the build --------
# (insights registers its lägesbild-year pair at the end of this file)

_YESTERDAY = (date.today() - timedelta(days=1)).isoformat()

_INBOX = Http("/inkorg/", persona="coordinator")
_INBOX_LIMITS = (
    "the triage inbox over the open tasks of load_volume: the session (one Redis read), "
    "the user with roles and organisation (process memory under a version token read "
    "from Redis), one prepared query joining task, its report (the task's seed, one "
    "index probe), locality, category, owner and working group (values, no model "
    "instances; a generic plan on the sort's index), rows built in Python and kept per "
    "row values, the filters and header kept, base.html")
scenario("inbox (coordinator)", "raw list 50, joined", _INBOX, 0.5,
         _INBOX_LIMITS + "; the reference is anonymous and renders no page",
         requires="workflows:inbox", max_bytes=150_000)

# The 10x-data check (bench/scale.py) covers every sort and the last page as
# well as the first; here they are information rows against the same reference.
for _sort in ("oldest", "urgency", "occurred", "locality"):
    scenario(f"inbox sorted by {_sort}", "raw list 50, joined",
             Http(f"/inkorg/?sortera={_sort}", persona="coordinator"), None,
             _INBOX_LIMITS + f"; sorted by {_sort}", requires="workflows:inbox")
scenario("inbox last page", "raw list 50, joined",
         Http(lambda ctx: ctx.inbox_last_page(), persona="coordinator"),
         None, _INBOX_LIMITS + "; the last page, through the first page's \"Last page\" "
         "link (keyset pager: the reversed order's first page, no OFFSET)",
         requires="workflows:inbox")
scenario("inbox vs logged-in raw list", "raw list 50, logged in", _INBOX, None,
         _INBOX_LIMITS + "; the reference pays the same session and user lookups",
         requires="workflows:inbox")
scenario("floor: any logged-in page", "raw list 50, joined", Http("/bench/logged-in/",
                                                                 persona="coordinator"), None,
         "a view behind the login that only loads the session and the user (no query of "
         "its own, no template), against the inbox goal's reference: what any page behind "
         "a login can reach at most against it")
scenario("report submit (API)", "raw insert",
         Http("/api/v1/reports/", method="POST", persona="reporter", auth="token", expect=201,
              content_type="application/json",
              body=json.dumps({"category": "klotter", "locality": "Tranemo",
                               "occurred_on": _YESTERDAY, "description": "Klotter på väggen."})),
         0.25, "token auth (the token and the user with roles from process memory under "
         "the user's version token, one Redis read), the rate limit (one Redis round trip: "
         "an INCR and a read, core/throttling.py), validation (category and locality from "
         "process memory), reference number (the year's sequence), the report INSERT (its "
         "roll-up trigger adds to a slot of its cell), viewflow's process start (process, "
         "report process, two tasks, their link), the start page's panels dropped (one "
         "Redis DEL): 9 statements in one transaction against the reference's one INSERT",
         requires="casework:api-report-create", max_queries=20)


# --- Tryggsam scenarios --------------------------------------------------------

scenario("start page (coordinator)", "minimal view", Http("/", persona="coordinator"), 0.25,
         "the session and the user with roles (two Redis reads, no query), the panels' "
         "HTML kept 30 s per user in Redis (one read; on a miss every registered panel, one "
         "or more queries each), base.html")
scenario("health check", "one query", Http("/health/", expect=200), 0.3,
         "three checks per request: SELECT 1, a Redis PING (one client per process), "
         "the newest worker heartbeat")
scenario("login page", "minimal view", Http("/accounts/login/"), 0.4,
         "CSRF token and cookie, form rendering, base.html")
scenario("reminders: outbox throughput", "bare Celery e-mail", _outbox, 0.5,
         "one tick claims rows one by one (SELECT … FOR UPDATE SKIP LOCKED, UPDATE "
         "per row), renders three templates per message, one SMTP connection per tick",
         unit="mails/s")

# Analytics (issue 7): a year's lägesbild for the whole municipality, read from
# the weekly roll-up that triggers keep in step with the reports.
_LAGESBILD_YEAR = Http(lambda ctx: f"/lagesbild/ar/{ctx.year}/sammanfattning.json",
                       persona="coordinator")
scenario("lägesbild year (vs roll-up)", "roll-up read", _LAGESBILD_YEAR, 0.5,
         "the session and the user with roles, two roll-up aggregates (per cell, per week), "
         "category and locality names, JSON")

# Effect follow-up (issue 15): "with 1,000,000 reports and 1,000 measures the
# yearly page answers as fast as the lägesbild year", so the lägesbild year
# itself is the reference here (beside its own goal against the roll-up).
reference("lägesbild year", _LAGESBILD_YEAR,
          "the lägesbild year JSON (/lagesbild/ar/<year>/sammanfattning.json) as the "
          "coordinator gets it")
scenario("effects year (vs lägesbild year)", "lägesbild year",
         Http(lambda ctx: f"/lagesbild/effekter/{ctx.year}/", persona="coordinator"), 1.0,
         "the session and the user with roles, one query for the year's state and the "
         "measures the user may see, one cache read of the page's content for the user's "
         "visibility class (20 rows; estimates, rows and content computed once per "
         "change of the year's measures, docs/effects.md), base.html",
         requires="insights:effects-year")

# Extremism (issue 5): the receiver opens a referral; every read writes its
# access-log row in the same request.
scenario("audited referral detail", "read + audit",
         Http(lambda ctx: f"/remisser/{ctx.referral_id()}/", persona="social"), 0.8,
         "the session and the user with roles (one Redis round trip), one statement that "
         "reads the referral, its concern and receiver under the access rule and writes "
         "the access-log row (a data-modifying WITH), the facts, form fields and header "
         "kept, the CSRF token, the template and base.html; the reference has no "
         "session, user or template",
         requires="concerns:referral-detail")
