"""Warehouses built once per test run and shared by the test modules that need the same one.

pytest-xdist runs each module in one of several worker processes, each with its own session
fixtures, so a session fixture alone would still build once per worker. ``shared_folder`` builds
under the temp folder the workers have in common, behind a file lock: the first worker to ask
builds, the others wait and reuse it. A build that fails leaves no ``.built`` mark, so the next
caller builds again (and fails with its own message).

Modules treat the shared folder as read-only and copy the warehouse before running anything that
may open it for writing (``copy_warehouse``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from warehouse_helpers import invoke_csc

DEMO_CHILDREN = 4000


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``build(folder)`` once for the whole test run."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the workers' basetemps are siblings: their parent is common to the run
    folder = root / f"shared-{name}"
    with (root / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / ".built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / ".built").touch()
    return folder


def copy_warehouse(db_path: Path, folder: Path) -> Path:
    """A private copy of a warehouse file and its key file beside it, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in db_path.parent.glob(db_path.name + "*"):
        if part.is_file():
            shutil.copy2(part, folder / part.name)
    return folder / db_path.name


def small_demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small demo: ``csc synth`` of 4,000 children (the default seed and extract date), built
    with ``csc build --no-checks``. Returns its landing folder and warehouse (both read-only)."""

    def build(folder: Path) -> None:
        landing = folder / "landing"
        invoke_csc(["synth", "--out", str(landing), "--children", str(DEMO_CHILDREN), "--quiet"])
        invoke_csc(["build", "--landing", str(landing), "--db", str(folder / "warehouse.duckdb"),
                    "--no-checks", "--quiet"])

    folder = shared_folder(tmp_path_factory, f"demo-{DEMO_CHILDREN}", build)
    return {"landing": folder / "landing", "db": folder / "warehouse.duckdb"}
