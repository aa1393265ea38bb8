"""`make bench`: run every bench/bench_*.py, print one table of figures against their budgets, and write
bench/results/latest.json.

Benchmarks measure speed outside the test suite (tests assert behaviour, benches report numbers). Each bench
script prints one JSON object on its last line (see bench/figures.py). `make bench ARGS="pages http"` runs only
the scripts whose names contain one of the words. The exit status is 1 when a script fails or a budget is missed.
"""

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def settle_database():
    """Let PostgreSQL write out what the previous script left (a million score rows, a dropped database) before the
    next one times anything."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute("CHECKPOINT")


def run_script(script):
    settle_database()
    print(f"== {script.stem}", flush=True)
    started = time.monotonic()
    completed = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=HERE.parent)
    seconds = round(time.monotonic() - started, 1)
    lines = completed.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(f"   {line}")
    try:
        report = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        report = None
    if completed.returncode != 0 or report is None:
        sys.stderr.write(completed.stderr[-4000:])
        return {"error": (completed.stderr.strip().splitlines() or ["no output"])[-1], "seconds": seconds}
    report["seconds"] = seconds
    return report


def print_table(runs):
    rows = [("figure", "value", "target", "met")]
    for name, report in runs.items():
        if "error" in report:
            rows.append((f"{name}: FAILED", report["error"][:60], "", "no"))
            continue
        for fig in report["figures"]:
            value = f"{fig['value']:g} {fig['unit']}".strip() if isinstance(fig["value"], int | float) else fig["value"]
            rows.append((fig["figure"], value, fig["target"], "yes" if fig["met"] else "NO"))
    widths = [max(len(str(row[col])) for row in rows) for col in range(4)]
    for index, row in enumerate(rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main():
    RESULTS.mkdir(exist_ok=True)
    selected = sys.argv[1:] or os.environ.get("ARGS", "").split()
    scripts = sorted(HERE.glob("bench_*.py"))
    if selected:
        scripts = [script for script in scripts if any(name in script.stem for name in selected)]
    started = time.time()
    runs = {script.stem: run_script(script) for script in scripts}
    figures = [fig for report in runs.values() for fig in report.get("figures", [])]
    missed = [fig["figure"] for fig in figures if not fig["met"]]
    failed = [name for name, report in runs.items() if "error" in report]
    summary = {
        "machine": platform.node(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(time.time() - started, 1),
        "all_met": not missed and not failed,
        "figures": figures,
        "runs": runs,
    }
    (RESULTS / "latest.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print()
    print_table(runs)
    print(
        f"\n{len(figures) - len(missed)} of {len(figures)} budgets met in {summary['seconds']} s; "
        f"results in {RESULTS / 'latest.json'}"
    )
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
