"""The bench's report: the table it prints, the JSON and the figures block of
docs/performance.md, the machine it ran on, and the profile of the slowest page."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
PROFILE = ROOT / "docs" / "performance-profile.txt"
START, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"


def table(rows: list, latency: dict | None = None) -> str:
    head = ("scenario", "reference", "ref rate", "Tryggsam", "ratio", "goal", "met",
            "queries/req", "bytes")
    lines = [head]
    for row in rows:
        queries = "" if row["queries"] is None else f"{row['queries']:g}"
        if row.get("max_queries") is not None:
            queries += f" (≤ {row['max_queries']})"
        size = "" if row.get("bytes") is None else f"{row['bytes']:,}"
        if row.get("max_bytes") is not None:
            size += f" (≤ {row['max_bytes']:,})"
        lines.append((row["scenario"], row["reference"],
                      f"{row['reference_rate']:.1f} {row['unit']}", f"{row['rate']:.1f}",
                      f"{row['ratio']:.2f}", goal_text(row),
                      met_text(row, "yes", "NO" + (" (errors)" if row["errors"] else "")),
                      queries, size))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) for line in lines]
    out.insert(1, "-+-".join("-" * w for w in widths))
    if latency:
        out.append(latency_text(latency))
    out.append(f"{goals_met(rows, latency)} of {goals(rows, latency)} goals met")
    return "\n".join(out)


def latency_text(latency: dict) -> str:
    return (f"{latency['scenario']}: p99 {latency['p99']:g} s (p50 {latency['p50']} s, "
            f"max {latency['max']} s, {latency['mails']} mails, {latency['missing']} missing) "
            f"at a {latency['tick']:g} s tick; goal ≤ {latency['goal']:g} s: "
            f"{'yes' if latency['met'] else 'NO'}")


def goals(rows: list, latency: dict | None = None) -> int:
    return sum(row["goal"] is not None for row in rows) + (1 if latency else 0)


def goals_met(rows: list, latency: dict | None = None) -> int:
    return sum(bool(row["met"]) for row in rows) + (1 if latency and latency["met"] else 0)


def goal_text(row: dict) -> str:
    return "–" if row["goal"] is None else f"≥ {row['goal']:g}"


def met_text(row: dict, yes: str, no: str) -> str:
    return "(information)" if row["met"] is None else yes if row["met"] else no


def machine(tool: str) -> dict:
    import django
    from django.db import connection

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(int(memory) / 1024**2, 1),
            "os": platform.platform(), "python": platform.python_version(),
            "django": django.get_version(), "postgresql": postgres,
            "server": "gunicorn, 2 sync workers, config.settings.bench",
            "load_generator": tool}


def profile_slowest(rows: list, ctx) -> str | None:
    from pyinstrument import Profiler

    from bench.scenarios import SCENARIOS, Http
    from bench.volume import touch_heartbeat

    by_name = {s.name: s for s in SCENARIOS}
    pages = [row for row in rows if isinstance(by_name[row["scenario"]].target, Http)
             and by_name[row["scenario"]].target.method == "GET"
             and by_name[row["scenario"]].target.auth == "session"]
    if not pages:
        return None
    slowest = min(pages, key=lambda row: row["rate"])
    client = ctx.client(by_name[slowest["scenario"]].target.persona)
    touch_heartbeat()
    for _ in range(20):
        client.get(slowest["path"])
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(200):
        client.get(slowest["path"])
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False)
    PROFILE.write_text(f"# pyinstrument: 200 × GET {slowest['path']} "
                       f"({slowest['scenario']}), in process, bench settings\n\n{text}",
                       encoding="utf-8")
    return slowest["scenario"]


def write_doc(result: dict) -> None:
    m = result["machine"]
    lines = [
        f"Run {result['timestamp']} (`bench/results/{result['file']}`), "
        f"{result['options']['rounds']} rounds of {result['options']['seconds']} s per "
        f"target after a {result['options']['warmup']} s warm-up, "
        f"{result['options']['connections']} connections; rates are the medians of the "
        "rounds, a ratio is the median of the rounds' ratios.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}; "
        f"Python {m['python']}, Django {m['django']}, PostgreSQL {m['postgresql']}; "
        f"{m['server']}; load from {m['load_generator']} on the same machine.",
        "",
        f"Volume: `{json.dumps(result['volume'])}`.",
        "",
        "| scenario | reference | reference rate | Tryggsam rate | ratio | goal | met "
        "| queries/req | bytes |",
        "|---|---|---:|---:|---:|---:|---|---:|---:|",
    ]
    for row in result["scenarios"]:
        queries = "" if row["queries"] is None else f"{row['queries']:g}"
        size = "" if row.get("bytes") is None else f"{row['bytes']:,}"
        lines.append(f"| {row['scenario']} | {row['reference']} | "
                     f"{row['reference_rate']:.1f} {row['unit']} | {row['rate']:.1f} | "
                     f"{row['ratio']:.2f} | {goal_text(row)} | "
                     f"{met_text(row, 'yes', '**no**')} | {queries} | {size} |")
    latency = result.get("latency")
    if latency:
        lines += ["", latency_text(latency) + "."]
    if result.get("scale_out"):
        lines += ["", "Scale-out (a figure, not a goal; 2 cores): "
                  + "; ".join(f"{row['scenario']}: {row['rate_1']:.1f} → {row['rate_2']:.1f} "
                              f"req/s with 1 → 2 web processes (× {row['factor']:.2f})"
                              for row in result["scale_out"]) + "."]
    lines += ["", f"**{result['met']} of {goals(result['scenarios'], latency)} goals met.**",
              ""]
    if result["unavailable"]:
        lines += ["Registered but not on this build (not measured, not counted): "
                  + "; ".join(result["unavailable"]) + ".", ""]
    lines += ["What limits each scenario:", ""]
    lines += [f"- *{row['scenario']}*: {row['limits']}." for row in result["scenarios"]]
    if result.get("profiled"):
        lines += ["", f"Profile of the slowest scenario ({result['profiled']}): "
                      "[performance-profile.txt](performance-profile.txt)."]
    block = "\n".join(lines)
    text = DOC.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    DOC.write_text(f"{before}{START}\n{block}\n{END}{after}", encoding="utf-8")
