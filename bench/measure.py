"""Measuring: every target of bench/scenarios.py in interleaved rounds (median
kept), its queries and bytes counted in process, each goal judged with its
bounds; and the scale-out figures (one vs two web processes)."""

from __future__ import annotations

import statistics

from bench import load, log
from bench.processes import free_port, gunicorn, http_status, stop, wait_for
from bench.volume import touch_heartbeat


def path_of(target, ctx) -> str:
    return target.path(ctx) if callable(target.path) else target.path


def queries_and_bytes(target, ctx) -> tuple[float, int]:
    """Run the request in this process and count its queries and its body's
    bytes: a GET once to warm the caches every worker keeps (the steady state
    the load measures), then once counted; other methods once, counted."""
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
    return float(len(queries)), len(response.content)


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
    # Each scenario is measured next to its reference, first after it and in
    # the next round before it (the order turns round by round): on a machine
    # whose speed drifts during a run, neither side is always the one measured
    # earlier.
    order = list(targets.items())
    for number in range(1, options.rounds + 1):
        for key, target in (order if number % 2 else order[::-1]):
            rounds[key].append(measure_once(target, ctx, options.seconds, options.connections))
        log(f"round {number}/{options.rounds} done")

    def summary(key):
        target = targets[key]
        rates = [r["rate"] for r in rounds[key]]
        if isinstance(target, Http):
            queries, size = queries_and_bytes(target, ctx)
        else:
            queries, size = rounds[key][-1].get("queries"), None
        return {"median": statistics.median(rates), "rates": [round(r, 1) for r in rates],
                "errors": sum(r["errors"] for r in rounds[key]), "queries": queries,
                "bytes": size, "tool": rounds[key][-1]["tool"]}

    references = {}
    rows = []
    for scenario in scenarios:
        ref = references.setdefault(scenario.reference, summary(f"ref:{scenario.reference}"))
        mine = summary(f"scn:{scenario.name}")
        # The ratio of each round's pair, then their median: a round measured
        # while the machine was slow is slow on both sides of its pair.
        round_ratios = [m / r if r else 0.0 for m, r in zip(mine["rates"], ref["rates"],
                                                               strict=True)]
        ratio = statistics.median(round_ratios) if round_ratios else 0.0
        rows.append({
            "scenario": scenario.name, "reference": scenario.reference,
            "unit": scenario.unit, "reference_rate": round(ref["median"], 1),
            "rate": round(mine["median"], 1), "ratio": round(ratio, 3), "goal": scenario.goal,
            # None: a row for information (a floor, a second reference), no goal
            "met": None if scenario.goal is None else goal_met(scenario, ratio, mine, ref),
            "queries": mine["queries"], "reference_queries": ref["queries"],
            "bytes": mine["bytes"], "max_bytes": scenario.max_bytes,
            "max_queries": scenario.max_queries,
            "errors": mine["errors"], "rates": mine["rates"],
            "reference_rates": ref["rates"],
            "round_ratios": [round(r, 3) for r in round_ratios],
            "tool": mine["tool"], "limits": scenario.limits,
            "path": path_of(scenario.target, ctx) if isinstance(scenario.target, Http) else None,
        })
    return references, rows


def goal_met(scenario, ratio: float, mine: dict, ref: dict) -> bool:
    """A goal is its ratio and every bound that goes with it: no errors on
    either side, the page no larger and the queries no more than it allows."""
    within_bytes = scenario.max_bytes is None or (mine["bytes"] or 0) <= scenario.max_bytes
    within_queries = (scenario.max_queries is None
                      or (mine["queries"] or 0) <= scenario.max_queries)
    return (ratio >= scenario.goal and mine["errors"] == 0 and ref["errors"] == 0
            and within_bytes and within_queries)


SCALE_OUT_SCENARIOS = ("inbox (coordinator)", "report submit (API)")


def measure_scale_out(options, ctx) -> list:
    """Inbox and report submit on one and on two web processes, interleaved
    round by round: how throughput grows with processes (a figure, not a goal:
    this machine has two cores for server, database and load generator)."""
    from bench.scenarios import SCENARIOS, available

    chosen = [s for s in SCENARIOS if s.name in SCALE_OUT_SCENARIOS and available(s)]
    ports = {1: free_port(), 2: free_port()}
    servers = [gunicorn(port, workers, f"gunicorn-{workers}w")
               for workers, port in ports.items()]
    try:
        for port in ports.values():
            wait_for(lambda port=port: http_status(port, "/bench/minimal/") == 200, 60,
                     "gunicorn (scale-out)")
        rates = {(s.name, w): [] for s in chosen for w in ports}
        for _round in range(options.rounds):
            for scenario in chosen:
                for workers, port in ports.items():
                    target = scenario.target
                    result = load.measure(port, path_of(target, ctx), method=target.method,
                                          body=target.body,
                                          headers=ctx.headers(target.persona, target.auth),
                                          expect=target.expect, seconds=options.seconds,
                                          connections=options.connections,
                                          content_type=target.content_type)
                    rates[(scenario.name, workers)].append(result.rate)
    finally:
        for server in servers:
            stop(server)
    rows = []
    for scenario in chosen:
        one, two = (statistics.median(rates[(scenario.name, w)]) for w in (1, 2))
        rows.append({"scenario": scenario.name, "rate_1": round(one, 1),
                     "rate_2": round(two, 1), "factor": round(two / one, 2) if one else 0.0})
    return rows
