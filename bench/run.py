"""`make bench`: run every bench/bench_*.py and collect their JSON results in bench/results/.

Benchmarks measure speed outside the test suite (tests assert behaviour, benches report numbers). Each
bench script prints one JSON object on its last line; this runner stores them with the date and machine.
"""

import json
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def main():
    RESULTS.mkdir(exist_ok=True)
    selected = sys.argv[1:]
    scripts = sorted(HERE.glob("bench_*.py"))
    if selected:
        scripts = [script for script in scripts if any(name in script.stem for name in selected)]
    failures = 0
    summary = {"machine": platform.node(), "python": platform.python_version(), "started": time.time(), "runs": {}}
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        completed = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=HERE.parent)
        sys.stdout.write(completed.stdout)
        if completed.returncode != 0:
            failures += 1
            sys.stderr.write(completed.stderr)
            summary["runs"][script.stem] = {"error": completed.stderr.strip().splitlines()[-1:]}
            continue
        last_line = completed.stdout.strip().splitlines()[-1]
        summary["runs"][script.stem] = json.loads(last_line)
    (RESULTS / "latest.json").write_text(json.dumps(summary, indent=2))
    print(f"Results written to {RESULTS / 'latest.json'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
