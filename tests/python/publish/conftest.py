"""Fixtures for the publish tests (the synthetic warehouse lives with the report tests)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPORT_TESTS = Path(__file__).resolve().parents[1] / "report"
SRC = Path(__file__).resolve().parents[3] / "src"
if str(REPORT_TESTS) not in sys.path:
    sys.path.insert(0, str(REPORT_TESTS))
try:
    import csc.publish  # noqa: F401
except ModuleNotFoundError:
    sys.path.insert(0, str(SRC))

# the session's dbt builds and their summary line (shared with the other conftest)
from dbt_models import dbt_builds, pytest_terminal_summary  # noqa: E402, F401
from synthetic_kpi_warehouse import build_warehouse  # noqa: E402


@pytest.fixture(scope="session")
def warehouse_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("template") / "warehouse.duckdb")


@pytest.fixture()
def warehouse(warehouse_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the synthetic warehouse per test (tests change and lock it)."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse_template, copy)
    return copy
