"""csc bench on the hand-made landing folder: every section is printed (figures, not timings)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from csc.bench import spill_bytes, spill_pattern, split_steps, statements_per_node
from warehouse_helpers import MINIMAL_LANDING, run_csc

SECTIONS = ("== extract", "== build:", "== steps", "== layers", "== nodes", "== statements", "== memory",
            "== throughput", "== floor", "== series")


def test_bench_prints_every_section(tmp_path):
    completed = run_csc("bench", "--landing", str(MINIMAL_LANDING), "--work", str(tmp_path / "bench"),
                        "--runs", "2", cwd=tmp_path, target=tmp_path / "unused-target")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    out = completed.stdout
    positions = [out.find(section) for section in SECTIONS]
    assert all(position >= 0 for position in positions), out
    assert positions == sorted(positions), "the sections are printed in order"
    assert "csc build OK" in out
    # the second build of the same project reuses dbt's partial-parse file
    assert "dbt did a partial parse" in out, out
    for step in ("csc start-up", "dbt start-up and parse", "dbt nodes", "Great Expectations checks"):
        assert step in out, f"step {step!r} missing:\n{out}"
    for kind in ("model", "test"):
        assert re.search(rf"^  {kind}\s+\d+\s+[\d.]+\s+\d+$", out, re.M), f"no {kind} line in the nodes section"
        assert re.search(rf"^  {kind}\s+\d+ nodes\s+\d+ statements", out, re.M), f"no {kind} statements line"
    assert re.search(r"^  (csc|python\S*)\s+pid \d+", out, re.M) and re.search(r"^  dbt\s+pid \d+", out, re.M), out
    assert re.search(r"^  DuckDB's spill folder at its largest: \d+$", out, re.M), out
    floor = re.search(r"^  (\d+) models: raw DuckDB ([\d.]+) s, dbt ([\d.]+) s", out, re.M)
    assert floor and int(floor.group(1)) > 100, "the floor ran the compiled SQL of the table and view models"
    assert "not in the floor" not in out, out
    assert re.search(r"^  given\s+[\d,]+\s+[\d.]+", out, re.M), "the series has a row for the extract"


def test_steps_are_split_at_the_lines_ending_them():
    lines = [(0.5, "Building x from y"), (2.0, "20:00:00  Running with dbt=1.12.6"),
             (5.0, "20:00:03  Found 224 models, 803 data tests"), (9.0, "20:00:07  Finished running 4 view models"),
             (9.5, "Running Great Expectations checks ..."), (12.0, "  23 suites, 103 expectations: no failure"),
             (12.5, "Build OK (803 pass)")]
    steps = dict(split_steps(lines, 13.0))
    assert steps["csc start-up (imports, manifest, authority, working copy)"] == 2.0
    assert steps["dbt start-up and parse"] == 3.0
    assert steps["dbt nodes (hooks, seeds, models, tests)"] == 4.0
    assert steps["Great Expectations checks"] == 2.5
    assert steps["summary and exit"] == 0.5


def test_statements_are_counted_per_node(tmp_path: Path):
    log = tmp_path / "dbt.log"
    log.write_text(
        "20:29:54.081270 [debug] [Thread-1 (]: On model.p.stg_a: BEGIN\n"
        "20:29:54.094866 [debug] [Thread-1 (]: On model.p.stg_a: /* {} */ create table\n"
        "20:29:54.094866 [debug] [Thread-1 (]: SQL status: OK in 0.1 seconds\n"
        "20:29:55.000000 [debug] [Thread-1 (]: On test.p.not_null_stg_a_id.1a2b: select 1\n",
        encoding="utf-8")
    assert statements_per_node(log) == {"model.p.stg_a": 2, "test.p.not_null_stg_a_id.1a2b": 1}


def test_spill_is_the_bytes_in_every_build_s_spill_folder(tmp_path: Path):
    db = tmp_path / "wh.duckdb"
    pattern = spill_pattern(db, {})
    assert spill_bytes(pattern) == 0, "no build has spilled yet"
    for run, sizes in (("run-1", (1000, 24)), ("run-2", (5,))):
        folder = tmp_path / ".csc-wh.duckdb" / run / "wh.duckdb.tmp"
        folder.mkdir(parents=True)
        for number, size in enumerate(sizes):
            (folder / f"duckdb_temp_storage-{number}.tmp").write_bytes(b"x" * size)
    (tmp_path / ".csc-wh.duckdb" / "run-1" / "wh.duckdb").write_bytes(b"y" * 99)  # the working copy, not spill
    assert spill_bytes(pattern) == 1029
    chosen = tmp_path / "spill"
    chosen.mkdir()
    (chosen / "a.tmp").write_bytes(b"z" * 7)
    assert spill_bytes(spill_pattern(db, {"CSC_DUCKDB_TEMP_DIR": str(chosen)})) == 7


def test_a_spill_folder_removed_while_it_is_counted_counts_as_empty(tmp_path: Path, monkeypatch):
    # DuckDB removed its spill folder after the glob had found it and before it was listed (the
    # national build): the count goes on, where it raised and stopped the memory sampler
    db = tmp_path / "wh.duckdb"
    gone = tmp_path / ".csc-wh.duckdb" / "run-1" / "wh.duckdb.tmp"
    kept = tmp_path / ".csc-wh.duckdb" / "run-2" / "wh.duckdb.tmp"
    for folder in (gone, kept):
        folder.mkdir(parents=True)
    (kept / "duckdb_temp_storage-0.tmp").write_bytes(b"x" * 11)
    real_scandir = os.scandir

    def scandir_after_removal(path="."):
        if Path(path) == gone:
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir_after_removal)
    assert spill_bytes(spill_pattern(db, {})) == 11
