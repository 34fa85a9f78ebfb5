#!/usr/bin/env python
"""`make bench-scale`: does 10× the data cost at most 1.2× the time?

Runs bench/run.py twice on the same machine, measuring only the inbox (every
sort, and the last page as well as the first) and the lägesbild year: once on
a small database (BENCH_SMALL_DATABASE_URL, default
…/tryggsam_bench_small, 100,000 reports and 1,000 open tasks) and once on
the full bench database (1,000,000 reports, 10,000 open tasks). The time per
request is 1 / rate, so the time ratio is small rate ÷ large rate; the goal is
≤ 1.2. Writes bench/results/<timestamp>-scale.json and prints the table.
Options after `--` go to both runs (e.g. --rounds 3 --seconds 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SCENARIOS = ("inbox (coordinator)", "inbox sorted by oldest", "inbox sorted by urgency",
             "inbox sorted by occurred", "inbox sorted by locality", "inbox last page",
             "lägesbild year (vs roll-up)")
GOAL = 1.2
LARGE = {"BENCH_DATABASE_URL": os.environ.get(
    "BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/tryggsam_bench"),
    "BENCH_REPORTS": "1000000", "BENCH_OPEN_TASKS": "10000"}
SMALL = {"BENCH_DATABASE_URL": os.environ.get(
    "BENCH_SMALL_DATABASE_URL", "postgres://root@127.0.0.1:5432/tryggsam_bench_small"),
    "BENCH_REPORTS": "100000", "BENCH_OPEN_TASKS": "1000"}


def run(label: str, env: dict, stamp: str, extra: list[str]) -> dict:
    name = f"{stamp}-scale-{label}.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--no-doc", "--no-profile",
                    "--only", ",".join(SCENARIOS), "--result-name", name, *extra],
                   cwd=ROOT, env={**os.environ, **env}, check=True)
    result = json.loads((RESULTS / name).read_text())
    return {row["scenario"]: row for row in result["scenarios"]} | {"_volume": result["volume"]}


def main() -> int:
    extra = sys.argv[1:]
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    small = run("small", SMALL, stamp, extra)
    large = run("large", LARGE, stamp, extra)
    rows = []
    for name in SCENARIOS:
        if name not in small or name not in large:
            continue
        ratio = small[name]["rate"] / large[name]["rate"] if large[name]["rate"] else 0.0
        # The same ratio against each run's own reference point (measured
        # beside it): cancels the machine's drift between the two runs.
        against = (small[name]["ratio"] / large[name]["ratio"]) if large[name]["ratio"] else 0.0
        rows.append({"scenario": name, "small_rate": small[name]["rate"],
                     "large_rate": large[name]["rate"], "time_ratio": round(ratio, 3),
                     "time_ratio_vs_reference": round(against, 3),
                     "goal": GOAL, "met": 0 < ratio <= GOAL,
                     "small_queries": small[name]["queries"],
                     "large_queries": large[name]["queries"]})
    result = {"timestamp": datetime.now().isoformat(timespec="seconds"),
              "small_volume": small["_volume"], "large_volume": large["_volume"], "rows": rows}
    (RESULTS / f"{stamp}-scale.json").write_text(json.dumps(result, indent=2) + "\n")
    print()
    print("scenario | 1× req/s | 10× req/s | time ratio | same, vs reference | goal | met")
    for row in rows:
        print(f"{row['scenario']} | {row['small_rate']:.1f} | {row['large_rate']:.1f} | "
              f"{row['time_ratio']:.2f} | {row['time_ratio_vs_reference']:.2f} | "
              f"≤ {GOAL:g} | {'yes' if row['met'] else 'NO'}")
    print(f"{sum(row['met'] for row in rows)} of {len(rows)} goals met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
