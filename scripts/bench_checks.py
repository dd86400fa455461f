"""Time and peak memory of the Great Expectations step alone (csc.checks.run_checks) on a built
warehouse, and what it found, so two runs (before/after, or two batch sizes) can be compared.

    .venv/bin/python scripts/bench_checks.py WAREHOUSE.duckdb [--batch-rows N] [--src DIR]
        [--dump FILE] [--compare FILE FILE]

Each run is a fresh Python process (its peak RSS is that process's, GX import included), on a
copy-free read-only open of the warehouse; the GX project goes to a temporary folder. ``--src``
runs another checkout's ``src`` (e.g. main's, for the figures before a change). ``--dump`` writes
the failures, warnings, counts and every stored validation result (run times and ids left out)
as JSON; ``--compare A B`` says whether two dumps are the same. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = r"""
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from csc.checks import run_checks
out = Path(sys.argv[2])
result = run_checks(Path(sys.argv[1]), out)
seconds = time.perf_counter() - start
validations = {}
for path in sorted((out / "gx" / "uncommitted" / "validations").rglob("*.json")):
    data = json.loads(path.read_text())
    meta = data.get("meta", {})
    for key in ("run_id", "validation_time", "validation_id", "checkpoint_id", "batch_markers"):
        meta.pop(key, None)
    data.pop("id", None)
    for item in data.get("results", []):
        item.get("expectation_config", {}).pop("id", None)
    validations[path.relative_to(out).parts[3]] = data
json.dump({"seconds": seconds, "failures": result.failures, "warnings": result.warnings,
           "suites_run": result.suites_run, "expectations_run": result.expectations_run,
           "docs": result.docs_path is not None, "validations": validations}, open(sys.argv[3], "w"),
          indent=1, sort_keys=True, default=str)
"""


def measure(db: Path, batch_rows: int | None, src: Path | None) -> dict:
    """Run the checks in a child process; its result dump with wall time and peak RSS."""
    env = dict(os.environ)
    if batch_rows:
        env["CSC_CHECKS_BATCH_ROWS"] = str(batch_rows)
    if src:
        env["PYTHONPATH"] = str(src)
    with tempfile.TemporaryDirectory(prefix="csc-bench-checks-") as tmp:
        dump = Path(tmp) / "dump.json"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        # the child is a file, not ``python -c``: importing GX imports pyspark (when installed),
        # whose connect module takes a __main__ without a file for its doctests and exits 0
        child = Path(tmp) / "child.py"
        child.write_text(_CHILD, encoding="utf-8")
        subprocess.run([sys.executable, str(child), str(db), str(Path(tmp) / "out"), str(dump)],
                       env=env, check=True)
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        data = json.loads(dump.read_text())
    data["wall_seconds"] = wall
    # ru_maxrss of the children is the largest child's; one child runs per process of this script
    data["peak_rss_mb"] = max(peak, before) / 1024
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path, nargs="?")
    parser.add_argument("--batch-rows", type=int)
    parser.add_argument("--src", type=Path, help="a checkout's src folder to run instead of this one")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path, nargs=2)
    args = parser.parse_args(argv)
    if args.compare:
        a, b = (json.loads(path.read_text()) for path in args.compare)
        keys = ("failures", "warnings", "suites_run", "expectations_run", "docs", "validations")
        differing = [key for key in keys if a.get(key) != b.get(key)]
        if not differing:
            print("identical: failures, warnings, counts and every validation result")
            return 0
        for key in differing:
            print(f"differ: {key}")
            if key == "validations":
                for suite in sorted(set(a[key]) | set(b[key])):
                    if a[key].get(suite) != b[key].get(suite):
                        print(f"  suite {suite}")
        return 1
    data = measure(args.warehouse, args.batch_rows, args.src)
    print(f"checks: {data['suites_run']} suites, {data['expectations_run']} expectations, "
          f"{len(data['failures'])} failures, {len(data['warnings'])} warnings; "
          f"run_checks {data['seconds']:.1f} s (process {data['wall_seconds']:.1f} s), "
          f"peak RSS {data['peak_rss_mb']:.0f} MB"
          + (f", batch {args.batch_rows} rows" if args.batch_rows else ""))
    if args.dump:
        args.dump.write_text(json.dumps(data, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
