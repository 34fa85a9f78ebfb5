"""PostgreSQL terminates the server's backend (pg_terminate_backend, as a
failover or an administrator would): the request that loses its connection
fails cleanly, in Swedish, and the next request is served again."""

import threading

import psycopg
import pytest

from tests.faults.conftest import http_get
from tests.support import processes
from tests.support.processes import wait_until


def admin_connection():
    """A connection of our own, outside Django, to watch and terminate others."""
    return psycopg.connect(processes.test_database_url(), autocommit=True)


def terminate(admin, pid: int) -> None:
    assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]


@pytest.mark.slow
def test_a_request_whose_backend_is_terminated_fails_cleanly_and_the_next_succeeds(
    real_server,
):
    result = {}

    def slow_request():
        result["status"], result["body"] = http_get(real_server.port, "/bench/sleep/?s=8")

    thread = threading.Thread(target=slow_request)
    thread.start()
    with admin_connection() as admin:
        def sleeping_backend():
            row = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%%' "
                "AND state = 'active' AND datname = current_database()",
            ).fetchone()
            return row[0] if row else None

        wait_until(lambda: sleeping_backend() is not None, 30, message="no sleeping request")
        terminate(admin, sleeping_backend())
    thread.join(timeout=30)

    # the interrupted request gets the Swedish error page, not a traceback
    assert result["status"] == 500
    assert "Ett tekniskt fel har inträffat" in result["body"]
    assert "Traceback" not in result["body"] and "psycopg" not in result["body"]
    # the very next request is served on a fresh connection
    assert http_get(real_server.port, "/bench/db/")[0] == 200
    status, _body = http_get(real_server.port, "/accounts/login/")
    assert status == 200


@pytest.mark.slow
def test_a_connection_terminated_between_requests_is_replaced_unnoticed(real_server):
    status, pid = http_get(real_server.port, "/bench/db/")
    assert status == 200
    # the worker keeps its connection (CONN_MAX_AGE): the same backend answers
    assert http_get(real_server.port, "/bench/db/")[1] == pid
    with admin_connection() as admin:
        terminate(admin, int(pid))
    # CONN_HEALTH_CHECKS finds the dead connection before the request uses it
    status, new_pid = http_get(real_server.port, "/bench/db/")
    assert status == 200 and new_pid != pid
    assert http_get(real_server.port, "/accounts/login/")[0] == 200
