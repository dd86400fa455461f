"""Fixtures for the report tests: a synthetic warehouse built in a temp folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[2] / "src"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
try:  # the package is normally installed (pip install -e .); fall back to the source tree
    import csc.report  # noqa: F401
except ModuleNotFoundError:
    sys.path.insert(0, str(SRC))

# the session's dbt builds and their summary line (shared with the other conftest)
from dbt_models import dbt_builds, pytest_terminal_summary  # noqa: E402, F401
from synthetic_kpi_warehouse import build_warehouse  # noqa: E402


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic warehouse with a dq_rule_summary (read-only use: do not modify)."""
    return build_warehouse(tmp_path_factory.mktemp("wh") / "warehouse.duckdb")


@pytest.fixture(scope="session")
def warehouse_without_dq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_warehouse(tmp_path_factory.mktemp("wh_nodq") / "warehouse.duckdb", with_dq=False)
