"""The access matrix: every named URL of Tryggsam × every persona → the HTTP
status that persona must get. `test_access_matrix.py` walks the project's URL
patterns and fails when a named pattern is listed neither here (a `Row`) nor in
`PUBLIC_URLS` (with a reason), so no view ships unchecked.

How to add rows for an app (e.g. after merging casework, concerns, meetings,
insights or workflows):

1. Create `tests/security/matrix_<app>.py` (it is picked up by glob, nothing to
   register) exposing `ROWS: list[Row]` and, optionally,
   `PUBLIC_URLS: dict[str, str]` (url name → why anyone may open it) and
   `COVERED_BY: dict[str, str]` (url name → the app's own access test file,
   e.g. "tests/casework/test_access.py", for URLs whose roles × ownership
   table already lives there; the file must exist and name the URL in quotes,
   which the completeness test checks. Prefer ROWS: only ROWS get the CSRF
   and deactivated-user sweeps).
2. One `Row` per named URL (several rows when a URL takes GET and POST):

       from accounts.roles import Role  # noqa: only if you need it
       from tests.security.matrix import ANON, OK, LOGIN, NOT_FOUND, Row

       ROWS = [
           Row("casework:inbox", expect={ANON: LOGIN, "coordinator": OK,
                                         "*": NOT_FOUND}),
           Row("casework:report-detail",
               kwargs=lambda world: {"pk": ReportFactory(
                   reporter=world.user("reporter")).pk},
               expect={ANON: LOGIN, "reporter": OK, "coordinator": OK,
                       "*": NOT_FOUND}),     # reporter2 = IDOR check
           Row("casework:report-create", method="POST",
               data=lambda world: {}, expect={ANON: LOGIN, "reporter": 200, "*": 403}),
       ]

   - `expect` must name `anonymous` and either every persona or `"*"` (the
     default for all logged-in personas not named).
   - `kwargs(world)` / `data(world)` are called once per persona, so each
     persona gets fresh objects (POST rows may change or delete them).
     For GET rows, `tests.security.builders.once(world, key, build)` shares
     one object among the personas of a row (keeps the matrix fast).
     `world.user(persona)` returns that persona's user, so objects can be owned
     by one persona and requested by the others: "reporter" and "reporter2" are
     both reporters in different organisations, the IDOR pair.
   - Statuses: 200, 302 (LOGIN: redirect to the login page is checked), 403,
     404, 405… as the view really answers. Prefer 404 where the user may not
     know the object exists (see BRIEF: object access → 404).
3. The matrix also derives two sweeps from your rows, for free: a deactivated
   user (logged in, then made inactive) must get the anonymous answer on every
   row, and every URL must refuse a POST without a CSRF token (403).

Run: `pytest tests/security -q`. A missing URL fails with a ready-to-paste
skeleton row in the message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from accounts.roles import Role

ANON = "anonymous"
OK = 200
LOGIN = "login"  # a 302 to the login page
NOT_FOUND = 404
FORBIDDEN = 403
NOT_ALLOWED = 405

# persona → (roles, extra user attributes). "reporter2" is a reporter in another
# organisation: the outsider of the owner/colleague/outsider trio.
PERSONAS: dict[str, tuple[list[str], dict]] = {
    "plain": ([], {}),
    "coordinator": ([Role.COORDINATOR], {}),
    "security": ([Role.SECURITY_COORDINATOR, Role.CONCERN_DEPUTY], {}),
    "public_health": ([Role.PUBLIC_HEALTH], {}),
    "social_services": ([Role.SOCIAL_SERVICES], {}),
    "police": ([Role.POLICE, Role.REPORTER], {"organisation": "Polisen"}),
    "housing": ([Role.HOUSING, Role.REPORTER], {"organisation": "Bostadsbolaget"}),
    "reporter": ([Role.REPORTER], {"organisation": "Skolan"}),
    "reporter2": ([Role.REPORTER], {"organisation": "Fritidsgården"}),
    "planning_chief": ([Role.PLANNING_CHIEF], {}),
    "management": ([Role.MANAGEMENT], {}),
    "group_member": ([Role.GROUP_MEMBER], {}),
    "log_reviewer": ([Role.LOG_REVIEWER], {}),
    "staff": ([], {"is_staff": True, "is_superuser": True}),
}
ALL_PERSONAS = (ANON, *PERSONAS)


@dataclass(frozen=True)
class Row:
    """One URL (by namespaced name) and method, and what each persona gets."""

    name: str
    expect: dict[str, int | str]
    kwargs: Callable[[Any], dict] | None = None
    method: str = "GET"
    data: Callable[[Any], dict] | None = None
    note: str = ""
    query: dict = field(default_factory=dict)

    def expected_for(self, persona: str) -> int | str:
        if persona in self.expect:
            return self.expect[persona]
        return self.expect["*"]

    def problems(self) -> list[str]:
        found = []
        if ANON not in self.expect:
            found.append(f"{self.name}: expect must name {ANON!r}")
        unknown = set(self.expect) - set(ALL_PERSONAS) - {"*"}
        if unknown:
            found.append(f"{self.name}: unknown personas {sorted(unknown)}")
        if "*" not in self.expect and set(PERSONAS) - set(self.expect):
            found.append(f"{self.name}: expect needs '*' or every persona")
        return found


def _captured_email(world):
    from notifications.sink import store_message

    return {"name": store_message(b"To: b@example.org\nSubject: Test\n\nx").stem}


# The foundation's URLs. Apps add theirs in matrix_<app>.py (see above).
ROWS: list[Row] = [
    Row("core:home", expect={ANON: LOGIN, "*": OK}),
    Row("login", expect={ANON: OK, "*": 302}, note="logged-in users go to the start page"),
    Row("logout", method="POST", expect={ANON: 302, "*": 302}),
    Row("logout", expect={ANON: NOT_ALLOWED, "*": NOT_ALLOWED}, note="GET must not log out"),
    Row("password_change", expect={ANON: LOGIN, "*": OK}),
    Row("password_change_done", expect={ANON: LOGIN, "*": OK}),
    # The development mailbox (captured demo mail) is for staff only; others are
    # sent to the admin login, as staff_member_required does.
    Row("notifications:mailbox", expect={ANON: 302, "staff": OK, "*": 302}),
    Row("notifications:mailbox-message", kwargs=_captured_email,
        expect={ANON: 302, "staff": OK, "*": 302}),
    Row("notifications:mailbox-message",
        kwargs=lambda world: {"name": "00000000000000000000-deadbeef"},
        expect={ANON: 302, "staff": NOT_FOUND, "*": 302}, note="unknown id"),
]

# URL name → why it is open to everyone, unauthenticated.
PUBLIC_URLS: dict[str, str] = {
    "health": "load balancer and monitoring probe; says ok/fail per part, no data",
    "api-schema": "OpenAPI description for the partner systems' developers; no data",
    "api-docs": "the browsable description of the same schema; no data",
}


# URL name → the test file holding its access table (see COVERED_BY above).
COVERED_BY: dict[str, str] = {}


def collect(*, covered: bool = False):
    """ROWS and PUBLIC_URLS (and with covered=True also COVERED_BY) of this
    module plus every matrix_<app>.py beside it."""
    import importlib
    from pathlib import Path

    rows = list(ROWS)
    public = dict(PUBLIC_URLS)
    covered_by = dict(COVERED_BY)
    for path in sorted(Path(__file__).parent.glob("matrix_*.py")):
        module = importlib.import_module(f"tests.security.{path.stem}")
        rows.extend(getattr(module, "ROWS", []))
        public.update(getattr(module, "PUBLIC_URLS", {}))
        covered_by.update(getattr(module, "COVERED_BY", {}))
    if covered:
        return rows, public, covered_by
    return rows, public
