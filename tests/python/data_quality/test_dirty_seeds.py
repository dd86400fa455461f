"""A dirty extract never stops the month (issue 10): `csc synth --dirty` builds for any seed.

Ten small dirty extracts (seeds 1 to 10) are each built with `dbt build` (every model and
data test; the unit tests do not read the landing folder and run in every other build).
Each must build, find every real fault of its `_dirty_manifest.csv` (quarantined or reported
on its row and field) and reconcile every landing table. Seed 5 is the seed whose injected
1999 assessment start used to stop the build.

Runtime (2-core machine): about 35 s per seed, 6 minutes for the ten (361 s measured); up to
15 minutes when other builds share the cores.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from csc.dbt_runner import run_dbt
from csc.paths import WarehousePaths, find_project_dir
from dirty_manifest_checks import read_manifest, unbalanced_tables, unreported_faults

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("csc.synth") is None, reason="no synthetic generator"),
]

SEEDS = range(1, 11)
CHILDREN = "1500"
YEARS = "2"


def _synth(landing: Path, seed: int) -> None:
    command = [sys.executable, "-m", "csc.synth.cli", "--out", str(landing), "--dirty", "--seed", str(seed),
               "--children", CHILDREN, "--years", YEARS, "--quiet"]
    subprocess.run(command, check=True, capture_output=True, text=True)


@pytest.mark.parametrize("seed", SEEDS)
def test_dirty_extract_builds_with_every_fault_found(seed: int, tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    _synth(landing, seed)
    assert any(fault["is_fault"] == "Y" for fault in read_manifest(landing))
    paths = WarehousePaths(project_dir=find_project_dir(), db_path=tmp_path / "warehouse.duckdb",
                           landing_dir=landing, target_dir=tmp_path / "target")
    result = run_dbt(paths, ["build", "--exclude-resource-type", "unit_test"])
    assert result.ok, f"seed {seed}: {result.failure_reason()}\n" + "\n".join(result.output[-30:])
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        missed, checked = unreported_faults(con, landing, skip_shadowed=True)
        assert sum(checked.values()) > 0
        assert not missed, f"seed {seed}: {len(missed)} faults not reported, e.g. {missed[:3]}"
        assert unbalanced_tables(con) == []
