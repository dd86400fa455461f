"""The csc command line: paths from any directory, atomic builds, one-line failures."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb

from warehouse_helpers import MINIMAL_LANDING, drop_column, run_csc


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_help_lists_the_commands(tmp_path):
    completed = run_csc("--help", cwd=tmp_path, target=tmp_path / "target")
    assert completed.returncode == 0
    for command in ("build", "docs"):
        assert command in completed.stdout


def test_missing_landing_folder_is_a_clear_error(tmp_path):
    completed = run_csc("build", "--landing", str(tmp_path / "nowhere"), "--db", str(tmp_path / "wh.duckdb"),
                        cwd=tmp_path, target=tmp_path / "target")
    assert completed.returncode == 1
    assert "landing folder" in completed.stderr and "does not exist" in completed.stderr


def test_failed_build_leaves_the_previous_warehouse_untouched(tmp_path):
    db = tmp_path / "out" / "wh.duckdb"
    first = run_csc("build", "--quiet", "--landing", str(MINIMAL_LANDING), "--db", str(db),
                    "--select", "stg_la__extract_manifests", cwd=tmp_path, target=tmp_path / "target")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Build OK" in first.stdout
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select la_code from staging.stg_la__extract_manifests").fetchall() == [("E99999999",)]
    before = digest(db)

    broken = tmp_path / "broken"
    shutil.copytree(MINIMAL_LANDING, broken)
    drop_column(broken / "extract_manifest.csv", "extract_date")
    second = run_csc("build", "--quiet", "--landing", str(broken), "--db", str(db),
                     "--select", "stg_la__extract_manifests", cwd=tmp_path, target=tmp_path / "target")
    assert second.returncode == 1
    assert "extract_manifest.csv is missing required column(s) extract_date" in second.stderr
    assert digest(db) == before
    assert not any((db.parent / f".csc-{db.name}").glob("run-*"))  # no working files left
