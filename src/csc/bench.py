"""``csc bench``: build an extract and print where the time and the memory go.

For each size (a multiple of the profile's child population, synthesised into a work folder)
or for a given landing folder, it runs ``csc build`` as a child process, timestamps every line
the build prints and samples the memory of every process under it, then prints:

- **steps**: csc start-up (imports, manifest and authority checks, the working copy), dbt
  start-up and parse (and whether dbt reused its partial-parse file), dbt's nodes, the Great
  Expectations checks, and what follows them (identity, rebuilt relations, promotion, summary);
- **layers** and **nodes**: dbt's execution time by layer and resource type, models against
  tests, the 20 slowest nodes, from ``run_results.json``;
- **statements**: SQL statements dbt issued per model and per test (its debug log);
- **memory**: the peak resident memory of each process (csc with GX inside it, dbt), the
  csc process's during the GX step, and the most DuckDB held in its spill folder;
- **throughput**: landing rows, rows per second, seconds per million rows;
- **floor**: the same compiled SQL of every table and view model (``target/run``) run raw in
  a fresh DuckDB in dependency order through the duckdb Python API, against dbt's time for the
  same models, as a ratio;
- **series**: with several sizes, how time and memory grow (seconds per million rows at each).

Figures only: nothing is asserted and nothing is compared with a target. The machine's other
load changes them; say so when quoting them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import duckdb

LANDING_SUFFIXES = {".parquet": "read_parquet", ".csv": "read_csv"}
# Lines of `csc build` that end each step (the step's name is what ran up to that line).
STEP_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("csc start-up (imports, manifest, authority, working copy)", re.compile(r"Running with dbt=")),
    ("dbt start-up and parse", re.compile(r"Found \d+ models")),
    ("dbt nodes (hooks, seeds, models, tests)", re.compile(r"Finished running ")),
    ("dbt exit and hand-over", re.compile(r"^Running Great Expectations checks")),
    ("Great Expectations checks", re.compile(r"\d+ suites, \d+ expectations")),
    ("identity, rebuilt relations, promotion", re.compile(r"^Build OK")),
)
_STATEMENT = re.compile(r"\]: On ((?:model|test|seed|operation|snapshot)\.[\w.-]+): ")
TOP_NODES = 20
SAMPLE_SECONDS = 0.2
MIN_SHOWN_MB = 50  # other processes below this are left out of the memory section


@dataclass
class ProcessPeak:
    """The peak resident memory of one process of the build (VmHWM, in MB)."""

    name: str
    peak_mb: float = 0.0


@dataclass
class BuildRun:
    """One timed ``csc build``."""

    wall_seconds: float
    exit_code: int
    lines: list[tuple[float, str]]
    peaks: dict[int, ProcessPeak]
    gx_peak_mb: float | None
    steps: list[tuple[str, float]] = field(default_factory=list)
    spill_peak_mb: float = 0.0


def landing_rows(landing: Path) -> int:
    """Rows in the landing folder's CSV and Parquet files (counted by DuckDB)."""
    total = 0
    with duckdb.connect() as con:
        for path in sorted(landing.iterdir()):
            reader = LANDING_SUFFIXES.get(path.suffix.lower())
            if reader is None or path.name.startswith("_"):
                continue
            row = con.execute(f"select count(*) from {reader}(?)", [str(path)]).fetchone()
            total += int(row[0]) if row else 0
    return total


def _process_name(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [Path(arg.decode(errors="replace")).name for arg in argv if arg]
    for word in words:
        if word in ("dbt", "csc"):
            return word
    if "csc.cli" in words:
        return "csc"
    return words[0] if words else "?"


def _memory_kb(pid: int) -> tuple[int, int]:
    """(VmHWM, VmRSS) of a process in kB; zeros once it has gone."""
    high = rss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                high = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return high, rss


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue.extend(int(child) for child in children)
    return found


def spill_bytes(pattern: str) -> int:
    """Bytes in the files of the folders matching the glob ``pattern`` (DuckDB's spill folders);
    0 when there are none."""
    total = 0
    for folder in Path("/").glob(pattern.lstrip("/")):
        # DuckDB removes its spill files, and the folder, while the build runs: whatever is gone
        # by the time it is reached counts as empty (os.walk passes over an unreadable folder,
        # where Path.rglob raises and stopped the sampler at the national profile)
        for root, _folders, files in os.walk(folder):
            for name in files:
                try:
                    total += (Path(root) / name).stat().st_size
                except OSError:  # a spill file removed while it is counted
                    continue
    return total


def spill_pattern(db: Path, environ: dict[str, str]) -> str:
    """The glob of the spill folders of builds into ``db``: ``CSC_DUCKDB_TEMP_DIR`` when set,
    else each build's own beside its working copy (csc.duckdb_settings, csc.paths)."""
    chosen = environ.get("CSC_DUCKDB_TEMP_DIR", "").strip()
    if chosen:
        return str(Path(chosen).resolve())
    return str(db.resolve().parent / f".csc-{db.name}" / "run-*" / f"{db.name}.tmp")


class _Sampler(threading.Thread):
    """Samples the memory of a process and its descendants, and the size of the spill folders
    matching ``spill``, until stopped."""

    def __init__(self, root: int, spill: str | None = None) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.spill = spill
        self.peaks: dict[int, ProcessPeak] = {}
        self.in_gx = False
        self.gx_peak_kb = 0
        self.spill_peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            for pid in _descendants(self.root):
                high, rss = _memory_kb(pid)
                if not high:
                    continue
                peak = self.peaks.setdefault(pid, ProcessPeak(_process_name(pid)))
                peak.peak_mb = max(peak.peak_mb, high / 1024)
                if self.in_gx and pid == self.root:
                    self.gx_peak_kb = max(self.gx_peak_kb, rss)
            if self.spill is not None:
                self.spill_peak = max(self.spill_peak, spill_bytes(self.spill))
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()


def timed_build(command: list[str], env: dict[str, str],
                echo: Callable[[str], None] | None = None, spill: str | None = None) -> BuildRun:
    """Run ``csc build``; timestamp each line it prints, sample its processes' memory and the
    size of the spill folders matching the glob ``spill``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, bufsize=1)
    sampler = _Sampler(process.pid, spill)
    sampler.start()
    lines: list[tuple[float, str]] = []
    assert process.stdout is not None
    for raw in process.stdout:
        line = raw.rstrip("\n")
        lines.append((time.perf_counter() - start, line))
        if line.startswith("Running Great Expectations checks"):
            sampler.in_gx = True
        elif STEP_MARKERS[4][1].search(line):
            sampler.in_gx = False
        if echo is not None:
            echo(line)
    exit_code = process.wait()
    wall = time.perf_counter() - start
    sampler.stop()
    run = BuildRun(wall, exit_code, lines, sampler.peaks,
                   sampler.gx_peak_kb / 1024 if sampler.gx_peak_kb else None,
                   spill_peak_mb=sampler.spill_peak / (1024 * 1024))
    run.steps = split_steps(lines, wall)
    return run


def _strip_time(line: str) -> str:
    return re.sub(r"^\d\d:\d\d:\d\d\s+", "", line.strip())


def split_steps(lines: list[tuple[float, str]], wall: float) -> list[tuple[str, float]]:
    """Seconds of each step, from the times the lines ending them were printed."""
    steps: list[tuple[str, float]] = []
    previous = 0.0
    for name, marker in STEP_MARKERS:
        seen = next((moment for moment, line in lines if marker.search(_strip_time(line))), None)
        if seen is None:
            continue
        steps.append((name, seen - previous))
        previous = seen
    steps.append(("summary and exit", wall - previous))
    return steps


def layer_of(node: dict) -> str:
    """The layer of a node: its folder under models/ for models, else its resource type."""
    kind = node.get("resource_type", "?")
    if kind != "model":
        return kind
    fqn = node.get("fqn") or []
    return fqn[1] if len(fqn) > 2 else "models"


def statements_per_node(log: Path) -> dict[str, int]:
    """SQL statements dbt issued for each node, from its debug log (one ``On <node>:`` line each)."""
    counts: Counter[str] = Counter()
    for path in sorted(log.parent.glob(log.name + "*")):  # dbt.log and any rotated dbt.log.N
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                match = _STATEMENT.search(line)
                if match:
                    counts[match.group(1)] += 1
    return dict(counts)


def _dependency_order(models: dict[str, dict]) -> list[str]:
    order: list[str] = []
    done: set[str] = set()

    def visit(uid: str, path: tuple[str, ...] = ()) -> None:
        if uid in done or uid in path:
            return
        for parent in models[uid].get("depends_on", {}).get("nodes", []):
            if parent in models:
                visit(parent, (*path, uid))
        done.add(uid)
        order.append(uid)

    for uid in sorted(models):
        visit(uid)
    return order


def raw_floor(target: Path, db_path: Path, floor_dir: Path, key: str) -> tuple[dict[str, float], list[str]]:
    """Run each table and view model's compiled SQL (target/run) raw in a fresh DuckDB.

    The fresh database is named like the warehouse (the SQL names its catalog); the landing
    views, seeds, the incremental model and the other tables no model rebuilds are copied in
    first from the built warehouse (not timed). Returns seconds per model and the problems
    met (a model whose SQL failed is left out of the floor)."""
    from csc.pseudonym import macro_sql, parse_key

    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    models = {uid: node for uid, node in manifest["nodes"].items() if node.get("resource_type") == "model"}
    run_root = target / "run" / manifest["metadata"].get("project_name", "csc_warehouse")
    timed_models = {uid: node for uid, node in models.items()
                    if node.get("config", {}).get("materialized") in ("table", "view")
                    and (run_root / node["original_file_path"]).is_file()}
    rebuilt = {(node["schema"], node.get("alias") or node["name"]) for node in timed_models.values()}
    floor_dir.mkdir(parents=True, exist_ok=True)
    floor_db = floor_dir / db_path.name
    for stale in (floor_db, floor_db.with_name(floor_db.name + ".wal")):
        stale.unlink(missing_ok=True)
    problems: list[str] = []
    seconds: dict[str, float] = {}
    with duckdb.connect(str(floor_db)) as con:
        con.execute("set threads = 2")
        memory = os.environ.get("CSC_DUCKDB_MEMORY_LIMIT")
        if memory:
            con.execute(f"set memory_limit = '{memory.replace(chr(39), '')}'")
        con.execute(macro_sql(parse_key(key)))
        con.execute(f"attach '{db_path}' as built (read_only)")
        for (schema,) in con.execute("select schema_name from duckdb_schemas() where database_name = 'built' "
                                     "and not internal").fetchall():
            con.execute(f'create schema if not exists "{schema}"')
        for schema, name in con.execute("select schema_name, table_name from duckdb_tables() "
                                        "where database_name = 'built'").fetchall():
            if (schema, name) not in rebuilt:
                con.execute(f'create table "{schema}"."{name}" as select * from built."{schema}"."{name}"')
        for schema, name, sql in con.execute("select schema_name, view_name, sql from duckdb_views() "
                                             "where database_name = 'built' and not internal").fetchall():
            if (schema, name) not in rebuilt:
                con.execute(f"use \"{schema}\"; {sql}; use main")
        con.execute("detach built")
        for uid in _dependency_order(timed_models):
            sql = (run_root / timed_models[uid]["original_file_path"]).read_text(encoding="utf-8")
            sql = sql.replace('__dbt_tmp"', '"')
            begin = time.perf_counter()
            try:
                con.execute(sql)
            except duckdb.Error as error:
                problems.append(f"{uid}: {str(error).splitlines()[0]}")
                continue
            seconds[uid] = time.perf_counter() - begin
    for leftover in (floor_db, floor_db.with_name(floor_db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    return seconds, problems


@dataclass
class SizeResult:
    """What one size's build measured, for the series."""

    label: str
    rows: int
    wall: float
    dbt_elapsed: float | None
    peak_mb: float


def _print_table(out: Callable[[str], None], rows: Iterable[tuple], formats: tuple[str, ...]) -> None:
    for row in rows:
        out("  " + " ".join(fmt.format(value) for fmt, value in zip(formats, row)))


def report_build(out: Callable[[str], None], label: str, run: BuildRun, rows: int, target: Path,
                 floor: tuple[dict[str, float], list[str]] | None) -> SizeResult:
    """Print every section for one build; the figures the series needs."""
    out(f"== build: {label}")
    status = "OK" if run.exit_code == 0 else f"FAILED (exit {run.exit_code})"
    parse = "full parse" if any("Unable to do partial parsing" in line for _, line in run.lines) else \
        "partial parse (dbt reused its partial-parse file)"
    out(f"  csc build {status}: {run.wall_seconds:.1f} s wall, {rows:,} landing rows, dbt did a {parse}")
    if run.exit_code != 0:
        for _, line in run.lines[-5:]:
            out(f"  | {line}")

    out("== steps (seconds, from the times csc build printed each step's last line)")
    _print_table(out, ((name, seconds) for name, seconds in run.steps), ("{:<58s}", "{:7.1f}"))

    results_file, manifest_file = target / "run_results.json", target / "manifest.json"
    results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.is_file() else {"results": []}
    nodes = json.loads(manifest_file.read_text(encoding="utf-8")).get("nodes", {}) if manifest_file.is_file() else {}
    by_layer: dict[str, list[float]] = defaultdict(list)
    by_kind: dict[str, list[float]] = defaultdict(list)
    times: list[tuple[float, str]] = []
    for result in results["results"]:
        uid = result["unique_id"]
        node = nodes.get(uid, {"resource_type": uid.split(".")[0]})
        by_layer[layer_of(node)].append(result["execution_time"])
        by_kind[uid.split(".")[0]].append(result["execution_time"])
        times.append((result["execution_time"], uid))
    elapsed = results.get("elapsed_time")
    out(f"== layers (dbt execution time by layer: nodes, seconds; dbt elapsed "
        f"{elapsed if elapsed is None else round(elapsed, 1)} s)")
    _print_table(out, ((layer, len(v), sum(v)) for layer, v in sorted(by_layer.items(), key=lambda i: -sum(i[1]))),
                 ("{:<20s}", "{:5d}", "{:7.1f}"))
    out("== nodes (models against tests: nodes, seconds, ms per node; then the slowest)")
    _print_table(out, ((kind, len(v), sum(v), 1000 * sum(v) / len(v)) for kind, v in sorted(by_kind.items())),
                 ("{:<20s}", "{:5d}", "{:7.1f}", "{:7.0f}"))
    _print_table(out, sorted(times, reverse=True)[:TOP_NODES], ("{:7.2f}", "{}"))

    statements = statements_per_node(target / "logs" / "dbt.log")
    out("== statements (SQL statements dbt issued per node, from its debug log)")
    per_kind: dict[str, list[int]] = defaultdict(list)
    for uid, count in statements.items():
        per_kind[uid.split(".")[0]].append(count)
    _print_table(out, ((kind, len(v), sum(v), sum(v) / len(v)) for kind, v in sorted(per_kind.items())),
                 ("{:<20s}", "{:5d} nodes", "{:6d} statements", "{:5.1f} per node"))

    out("== memory (peak resident memory of each process, MB)")
    for pid, peak in sorted(run.peaks.items(), key=lambda item: -item[1].peak_mb):
        if peak.name in ("csc", "dbt") or peak.peak_mb >= MIN_SHOWN_MB:
            out(f"  {peak.name:<8s} pid {pid:<8d} {peak.peak_mb:8.0f}")
    if run.gx_peak_mb is not None:
        out(f"  csc during the Great Expectations step: {run.gx_peak_mb:.0f}")
    out(f"  DuckDB's spill folder at its largest: {run.spill_peak_mb:.0f}")
    peak_mb = max((peak.peak_mb for peak in run.peaks.values()), default=0.0)

    out("== throughput")
    millions = rows / 1e6
    out(f"  {rows:,} landing rows in {run.wall_seconds:.1f} s: {rows / run.wall_seconds:,.0f} rows per second, "
        f"{run.wall_seconds / millions if millions else float('nan'):.1f} s per million rows (csc build wall)")

    out("== floor (the compiled SQL of dbt's table and view models run raw in a fresh DuckDB)")
    if floor is None:
        out("  not measured (--no-floor, or the build failed)")
    else:
        seconds, problems = floor
        dbt_times = {uid: t for t, uid in times if uid in seconds}
        raw_total, dbt_total = sum(seconds.values()), sum(dbt_times.values())
        out(f"  {len(seconds)} models: raw DuckDB {raw_total:.1f} s, dbt {dbt_total:.1f} s for the same models, "
            f"dbt/raw {dbt_total / raw_total if raw_total else float('nan'):.2f}")
        if elapsed:
            out(f"  dbt's whole run (models, tests, hooks) {elapsed:.1f} s = {elapsed / raw_total if raw_total else 0:.2f}"
                f" x the raw models")
        for problem in problems[:5]:
            out(f"  not in the floor: {problem}")
    return SizeResult(label, rows, run.wall_seconds, elapsed, peak_mb)


def report_series(out: Callable[[str], None], sizes: list[SizeResult]) -> None:
    out("== series (how cost grows with the extract)")
    out("  size          rows    wall s   dbt s  s per M rows  peak MB")
    for size in sizes:
        per_million = size.wall / (size.rows / 1e6) if size.rows else float("nan")
        dbt = f"{size.dbt_elapsed:7.1f}" if size.dbt_elapsed is not None else "      -"
        out(f"  {size.label:<8s} {size.rows:>10,d} {size.wall:8.1f} {dbt} {per_million:12.1f} {size.peak_mb:8.0f}")


def base_children(profile: str) -> int:
    """The child population of a synth profile (size 1)."""
    from csc.synth.profile import load_profile

    return int(load_profile(profile)["child_population"])


def run_bench(out: Callable[[str], None], work: Path, landing: Path | None, profile: str,
              sizes: list[float], runs: int = 1, floor: bool = True, file_format: str = "parquet",
              echo: Callable[[str], None] | None = None, landing_part: str = "all") -> list[SizeResult]:
    """Synthesise (unless ``landing`` is given), build ``runs`` times and print every section."""
    csc = [sys.executable, "-m", "csc.cli"]
    results: list[SizeResult] = []
    plans: list[tuple[str, Path | None, float]] = [("given", landing, 1.0)] if landing else \
        [(f"x{size:g}" + ("" if landing_part == "all" else f"-part{landing_part}"), None, size) for size in sizes]
    for label, given, size in plans:
        folder = work / label
        folder.mkdir(parents=True, exist_ok=True)
        source = given
        if source is None:
            source = folder / "landing"
            children = round(base_children(profile) * size)
            if not source.is_dir():
                begin = time.perf_counter()
                subprocess.run([*csc, "synth", "--quiet", "--out", str(source), "--profile", profile,
                                "--children", str(children), "--format", file_format,
                                "--landing-part", landing_part], check=True)
                out(f"== synth {profile} x{size:g} ({children:,} children): {time.perf_counter() - begin:.1f} s")
        rows = landing_rows(source)
        db, target = folder / "warehouse.duckdb", folder / "target"
        # dbt's debug log whole (not rotated at 10 MB), for the statements per node
        env = {**os.environ, "CSC_DBT_TARGET_DIR": str(target), "DBT_LOG_FILE_MAX_BYTES": "0"}
        run: BuildRun | None = None
        for number in range(1, runs + 1):
            for log in (target / "logs").glob("dbt.log*"):  # dbt appends: count this build's statements only
                log.unlink()
            run = timed_build([*csc, "build", "--landing", str(source), "--db", str(db)], env, echo,
                              spill_pattern(db, env))
            if runs > 1:
                out(f"== run {number} of {runs}: {run.wall_seconds:.1f} s wall (exit {run.exit_code})")
        assert run is not None
        measured = None
        if floor and run.exit_code == 0:
            from csc.keys import resolve_pseudonym_key

            measured = raw_floor(target, db, folder / "floor", resolve_pseudonym_key(db))
        out(f"== extract {label}: {source}")
        results.append(report_build(out, label, run, rows, target, measured))
    report_series(out, results)
    return results
