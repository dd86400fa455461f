"""Build the warehouse without ever leaving a half-built file where readers look.

dbt builds a working copy in ``<db folder>/.building/<db name>`` (a copy of the current
warehouse, so incremental history such as care leavers' earlier extracts carries over). Only
when dbt build and the checks pass is the copy moved over the warehouse with an atomic
rename; on failure the working copy is deleted and the previous warehouse stays as it was.
The file name is kept so DuckDB's catalog name (the file stem) is the same in both places.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path
from typing import Callable, Sequence

import duckdb

from csc.dbt_runner import DbtResult, run_dbt
from csc.paths import WarehousePaths


def working_copy_path(db_path: Path) -> Path:
    return db_path.parent / ".building" / db_path.name


def _remove_database(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def prepare_working_copy(db_path: Path) -> Path:
    """A fresh working copy of the warehouse (empty when there is no warehouse yet)."""
    work = working_copy_path(db_path)
    work.parent.mkdir(parents=True, exist_ok=True)
    _remove_database(work)
    if db_path.exists():
        shutil.copyfile(db_path, work)
        wal = db_path.with_name(db_path.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, work.with_name(work.name + ".wal"))
    return work


def checkpoint(db_path: Path) -> None:
    """Fold the write-ahead log into the file so the file alone is the whole database."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("checkpoint")


def promote(work: Path, db_path: Path) -> None:
    """Move the finished working copy over the warehouse atomically."""
    checkpoint(work)
    stale_wal = db_path.with_name(db_path.name + ".wal")
    stale_wal.unlink(missing_ok=True)  # belongs to the old file; must not be replayed on the new one
    os.replace(work, db_path)


def build_warehouse(paths: WarehousePaths, dbt_args: Sequence[str],
                    echo: Callable[[str], None] | None = None,
                    after_build: Callable[[WarehousePaths], None] | None = None) -> DbtResult:
    """Run ``dbt build`` on a working copy, then ``after_build`` (checks), then promote it.

    ``after_build`` raises to reject the build. The warehouse at ``paths.db_path`` changes
    only when everything succeeded.
    """
    work = prepare_working_copy(paths.db_path)
    work_paths = dataclasses.replace(paths, db_path=work)
    try:
        result = run_dbt(work_paths, ["build", *dbt_args], echo=echo)
        if result.ok:
            if after_build is not None:
                after_build(work_paths)
            promote(work, paths.db_path)
        return result
    finally:
        _remove_database(work)
