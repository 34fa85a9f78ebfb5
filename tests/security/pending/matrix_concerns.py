"""Access-matrix rows for concerns (violent-extremism concerns, referrals, the
access log). Their roles × ownership table is tests/concerns/test_access.py
and tests/audit/test_access_log.py; the rest are here. Concerns fail closed:
anyone without the right gets 404, never a hint that a concern exists."""

from tests.security.matrix import ANON, LOGIN, NOT_FOUND, OK, Row

ACCESS = "tests/concerns/test_access.py"
COVERED_BY = {
    **{name: ACCESS for name in [
        "concerns:concern-list", "concerns:concern-create", "concerns:concern-report",
        "concerns:concern-export", "concerns:concern-detail", "concerns:concern-triage",
        "concerns:referral-create", "concerns:concern-police", "concerns:concern-no-action",
        "concerns:concern-close", "concerns:concern-reopen", "concerns:referral-inbox",
        "concerns:referral-detail", "concerns:api-concern-list",
        "concerns:api-concern-detail",
    ]},
    "audit:log": "tests/audit/test_access_log.py",
    "audit:log-export": "tests/audit/test_access_log.py",
}

ROWS = [
    # anyone logged in may report a worry; the thank-you page holds nothing
    Row("concerns:concern-report-thanks", expect={ANON: LOGIN, "*": OK}),
    Row("concerns:concern-statistics",
        expect={ANON: LOGIN, "coordinator": OK, "security": OK, "planning_chief": OK,
                "management": OK, "*": NOT_FOUND}),
]
