"""The benchmark harness stays runnable: every reference endpoint answers on
the real server, both load generators count right, the registry is coherent
and the table ends with the goals line. (`make bench` itself is not run here.)"""

import pytest
from django.db import connection

from bench import load
from bench.report import table
from bench.scenarios import REFERENCES, SCENARIOS, Http
from bench.sql import SCRATCH_TABLES
from tests.faults.conftest import http_get


def test_every_scenario_names_a_registered_reference_and_a_goal():
    assert SCENARIOS
    for scenario in SCENARIOS:
        assert scenario.reference in REFERENCES, scenario.name
        # None: a row for information (a floor, a second reference)
        assert scenario.goal is None or 0 < scenario.goal <= 2, scenario.name
        assert scenario.limits
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)
    # the goals are goals, not information
    goals = {s.name: s.goal for s in SCENARIOS}
    assert goals["inbox (coordinator)"] == 0.5 and goals["report submit (API)"] == 0.25


def test_the_table_ends_with_the_goals_line():
    rows = [{"scenario": "a", "reference": "r", "unit": "req/s", "reference_rate": 100.0,
             "rate": 60.0, "ratio": 0.6, "goal": 0.5, "met": True, "errors": 0,
             "queries": 3.0},
            {"scenario": "b", "reference": "r", "unit": "req/s", "reference_rate": 100.0,
             "rate": 10.0, "ratio": 0.1, "goal": 0.5, "met": False, "errors": 0,
             "queries": None},
            {"scenario": "c", "reference": "r", "unit": "req/s", "reference_rate": 100.0,
             "rate": 40.0, "ratio": 0.4, "goal": None, "met": None, "errors": 0,
             "queries": 1.0}]
    lines = table(rows).splitlines()
    # an information row has no goal and is not counted
    assert "(information)" in lines[-2] and "–" in lines[-2]
    assert lines[-1] == "1 of 2 goals met"


@pytest.mark.slow
def test_reference_endpoints_answer_on_the_real_server(real_server, settings):
    with connection.cursor() as cursor:
        for statement in SCRATCH_TABLES:
            cursor.execute(statement)
    port = real_server.port
    # the HTTP references the scenarios use answer with their expected status
    for ref in REFERENCES.values():
        if isinstance(ref.target, Http) and ref.target.persona and callable(ref.target.path):
            continue  # an app page behind its own login (the lägesbild year): bench runs it
        if isinstance(ref.target, Http) and ref.target.persona:
            # behind the login: deny by default, answer for a logged-in user
            assert http_get(port, ref.target.path)[0] == 403, ref.name
            assert http_get(port, ref.target.path, headers=_session_cookie(settings))[0] == 200
        elif isinstance(ref.target, Http) and not callable(ref.target.path):
            result = load.measure(port, ref.target.path, method=ref.target.method,
                                  body=ref.target.body, expect=ref.target.expect,
                                  seconds=0.5, max_requests=5, connections=1, tool="python")
            assert result.requests and result.errors == 0, ref.name
    assert http_get(port, "/bench/read-audit/1/")[0] == 200
    assert http_get(port, "/bench/list/joined/?status=new")[0] == 200
    assert http_get(port, "/bench/logged-in/")[0] == 403
    assert http_get(port, "/bench/logged-in/", headers=_session_cookie(settings))[0] == 200


def _session_cookie(settings) -> dict:
    """A session the real server (bench settings) accepts."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from config.settings.bench import BENCH_SECRET_KEY

    settings.SECRET_KEY = BENCH_SECRET_KEY
    user, _ = get_user_model().objects.get_or_create(username="bench-harness")
    browser = Client()
    browser.force_login(user)
    return {"Cookie": f"__Host-sessionid={browser.session.session_key}"}


@pytest.mark.slow
@pytest.mark.parametrize("tool", ["python", "wrk"])
def test_load_generators_count_successes_and_errors(real_server, tool):
    if tool == "wrk" and not load.os.path.exists(load.WRK):
        tool = "python"  # no wrk on this machine: the fallback is what make bench uses
    ok = load.measure(real_server.port, "/bench/minimal/", seconds=1, connections=2, tool=tool)
    assert ok.requests > 10 and ok.errors == 0 and ok.rate > 0
    # an unknown path answers 404: every request counts as an error
    bad = load.measure(real_server.port, "/bench/finns-inte/", seconds=1, connections=2,
                       tool=tool)
    assert bad.requests > 0 and bad.errors == bad.requests and bad.rate == 0


def test_scenarios_of_apps_not_on_this_build_are_listed_not_measured():
    from bench.scenarios import Scenario, available, url_names

    names = url_names()
    assert "core:home" in names and "notifications:mailbox-message" in names
    # a scenario is measured only when the URL it needs exists
    assert available(Scenario("x", "minimal view", None, 0.5, "", requires="core:home"))
    assert not available(Scenario("y", "minimal view", None, 0.5, "", requires="nope:none"))
    for scenario in SCENARIOS:
        assert scenario.requires is None or isinstance(scenario.requires, str)


def test_each_goal_is_held_against_the_reference_the_goal_names():
    """Issue 16: the references exactly as the goals define them."""
    by_name = {s.name: s for s in SCENARIOS}
    goals = {name: (s.reference, s.goal) for name, s in by_name.items() if s.goal is not None}
    assert goals == {
        "inbox (coordinator)": ("raw list 50, joined", 0.5),
        "report submit (API)": ("raw insert", 0.25),
        "start page (coordinator)": ("minimal view", 0.25),
        "health check": ("one query", 0.3),
        "login page": ("minimal view", 0.4),
        "reminders: outbox throughput": ("bare Celery e-mail", 0.5),
        "lägesbild year (vs roll-up)": ("roll-up read", 0.5),
        "effects year (vs lägesbild year)": ("lägesbild year", 1.0),
        "audited referral detail": ("read + audit", 0.8),
    }
    inbox_reference = REFERENCES["raw list 50, joined"].target
    assert inbox_reference.persona is None  # anonymous, as the goal says
    assert by_name["inbox (coordinator)"].max_bytes == 150_000
    assert by_name["report submit (API)"].max_queries == 20


def test_the_inbox_reference_joins_locality_and_category_without_count():
    from bench.sql import LIST_50_JOINED

    sql = " ".join(LIST_50_JOINED.split()).lower()
    assert "join casework_locality" in sql and "join casework_category" in sql
    assert "count(" not in sql and "limit 50" in sql


def test_a_goal_fails_on_errors_or_over_its_bounds():
    from bench.measure import goal_met

    scenario = next(s for s in SCENARIOS if s.name == "inbox (coordinator)")
    fine = {"errors": 0, "bytes": 20_000, "queries": 3.0}
    ref = {"errors": 0}
    assert goal_met(scenario, 0.6, fine, ref)
    assert not goal_met(scenario, 0.4, fine, ref)
    assert not goal_met(scenario, 0.6, {**fine, "errors": 1}, ref)
    assert not goal_met(scenario, 0.6, fine, {"errors": 3})
    assert not goal_met(scenario, 0.6, {**fine, "bytes": 150_001}, ref)
    submit = next(s for s in SCENARIOS if s.name == "report submit (API)")
    assert goal_met(submit, 0.3, {"errors": 0, "bytes": 200, "queries": 20.0}, ref)
    assert not goal_met(submit, 0.3, {"errors": 0, "bytes": 200, "queries": 21.0}, ref)


def test_the_latency_goal_counts_in_the_goals_line():
    rows = [{"scenario": "a", "reference": "r", "unit": "req/s", "reference_rate": 100.0,
             "rate": 60.0, "ratio": 0.6, "goal": 0.5, "met": True, "errors": 0,
             "queries": 3.0, "bytes": 100}]
    latency = {"scenario": "reminder latency (due → SMTP)", "p99": 66.0, "p50": 30.0,
               "max": 66.0, "mails": 100, "missing": 0, "tick": 60.0, "goal": 65.0,
               "met": False}
    lines = table(rows, latency).splitlines()
    assert "p99 66 s" in lines[-2] and "NO" in lines[-2]
    assert lines[-1] == "1 of 2 goals met"


def test_percentile_is_a_real_observation():
    from bench.latency import percentile

    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.99) == 99.0
    assert percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.99) == 3.0


@pytest.mark.slow
@pytest.mark.parametrize("tool", ["python", "wrk"])
def test_a_redirect_is_an_error_not_throughput(real_server, tool):
    """A page behind the login answers anonymous load with a redirect: with
    either generator that is an error (wrk itself counts only statuses >= 400)."""
    if tool == "wrk" and not load.os.path.exists(load.WRK):
        tool = "python"  # no wrk on this machine: the fallback is what make bench uses
    result = load.measure(real_server.port, "/inkorg/", seconds=1, connections=2, tool=tool)
    assert result.requests > 0 and result.errors == result.requests and result.rate == 0


def leave_backlog(port: int, requests: int = 6, seconds: float = 0.5) -> None:
    """What a generator leaves when its window ends: requests sent, never
    read; the server still works them off, one after the other."""
    import socket

    for _ in range(requests):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(f"GET /bench/sleep/?s={seconds} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Connection: close\r\n\r\n".encode())
        sock.close()


@pytest.mark.slow
@pytest.mark.parametrize("tool", ["python", "wrk"])
def test_a_slow_target_no_longer_eats_the_next_targets_window(real_server, tool):
    """The cause of the effects-year rows reading 0 req/s: a slow target
    leaves requests in flight when its window ends, and the server works them
    off during the next target's window. The next measurement waits for that
    backlog first, so the fast page is measured, not the leftovers."""
    if tool == "wrk" and not load.os.path.exists(load.WRK):
        tool = "python"
    leave_backlog(real_server.port)
    assert load.drain(real_server.port, 2) > 2.0  # about 3 s of work was queued
    leave_backlog(real_server.port)
    fast = load.measure(real_server.port, "/bench/minimal/", seconds=1, connections=8,
                        tool=tool)
    assert fast.requests - fast.errors > 0 and fast.errors == 0
