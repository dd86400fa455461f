"""Shared fixtures: the project, the hand-made landing folder, and dbt runs in temp folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from csc.paths import WarehousePaths, find_project_dir
from warehouse_helpers import MINIMAL_LANDING, TEST_PSEUDONYM_KEY, dbt, make_paths


@pytest.fixture(scope="session", autouse=True)
def pseudonym_key() -> str:
    """Every dbt run needs CSC_PSEUDONYM_KEY; the tests use a fixed, public test key."""
    os.environ.setdefault("CSC_PSEUDONYM_KEY", TEST_PSEUDONYM_KEY)
    return os.environ["CSC_PSEUDONYM_KEY"]


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return find_project_dir()


@pytest.fixture()
def landing_copy(tmp_path: Path) -> Path:
    """A writable copy of the hand-made landing folder, for tests that break it."""
    copy = tmp_path / "landing"
    shutil.copytree(MINIMAL_LANDING, copy)
    return copy


@pytest.fixture(scope="session")
def minimal_build(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> WarehousePaths:
    """The whole project built once (`dbt build`) from the hand-made landing folder."""
    work = tmp_path_factory.mktemp("minimal_build")
    paths = make_paths(project_dir, work, MINIMAL_LANDING)
    result = dbt(paths, "build")
    assert result.ok, "dbt build failed on the minimal landing folder:\n" + "\n".join(result.output[-60:])
    return paths
