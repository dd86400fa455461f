"""Benchmark: generate an extract, build the warehouse from it, print the figures.

    .venv/bin/python scripts/benchmark.py [--profile county] [--children N] [--work DIR]

Prints wall time and peak RSS of `csc synth` and `csc build` (each run as a child process,
measured with resource.getrusage), the dbt execution time per layer from run_results.json,
and the size of the warehouse. Figures, not assertions: compare runs on the same machine.
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
from collections import defaultdict
from pathlib import Path


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak RSS of the largest child in MB)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024


def layer_of(unique_id: str) -> str:
    kind, _, name = unique_id.split(".", 2)
    if kind != "model":
        return kind
    return name.split("_")[0]  # stg, int, fct, dim, dq, ...


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="county")
    parser.add_argument("--children", type=int, default=None)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temp folder)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="csc-benchmark-"))
    landing, db, target = work / "landing", work / "warehouse.duckdb", work / "target"
    csc = [sys.executable, "-m", "csc.cli"]
    synth = [*csc, "synth", "--quiet", "--out", str(landing), "--profile", args.profile]
    if args.children:
        synth += ["--children", str(args.children)]
    synth_wall, synth_rss = timed(synth)
    rows = sum(sum(1 for _ in path.open(encoding="utf-8")) - 1 for path in landing.glob("*.csv"))
    print(f"synth  {args.profile}: {synth_wall:7.1f} s wall, peak RSS {synth_rss:6.0f} MB, {rows:,} CSV rows")

    env = {**os.environ, "CSC_DBT_TARGET_DIR": str(target)}
    build_wall, build_rss = timed([*csc, "build", "--quiet", "--landing", str(landing), "--db", str(db)], env=env)
    print(f"build  (dbt build + checks): {build_wall:7.1f} s wall, peak RSS {build_rss:6.0f} MB (largest process), "
          f"warehouse {db.stat().st_size / 1e6:.0f} MB")

    results = json.loads((target / "run_results.json").read_text(encoding="utf-8"))
    per_layer: dict[str, list[float]] = defaultdict(list)
    for node in results["results"]:
        per_layer[layer_of(node["unique_id"])].append(node["execution_time"])
    print(f"dbt execution {results['elapsed_time']:.1f} s; by layer (nodes, seconds):")
    for layer, times in sorted(per_layer.items(), key=lambda item: -sum(item[1])):
        print(f"  {layer:10s} {len(times):4d} {sum(times):7.1f}")
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
