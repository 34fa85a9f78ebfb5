"""Access matrix rows for audit (the access log review): Logggranskare only,
everyone else 404 (they may not know what the log holds)."""

from tests.security.matrix import ANON, LOGIN, NOT_FOUND, OK, Row

ROWS = [
    Row("audit:log", expect={ANON: LOGIN, "log_reviewer": OK, "*": NOT_FOUND}),
    Row("audit:log", query={"fran": "inte-ett-datum", "anvandare": "x" * 500},
        expect={ANON: LOGIN, "log_reviewer": OK, "*": NOT_FOUND},
        note="odd filter values never 500"),
    Row("audit:log-export", expect={ANON: LOGIN, "log_reviewer": OK, "*": NOT_FOUND}),
]
