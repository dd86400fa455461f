"""The project's publication models, built by dbt itself in the small test warehouses.

The report, publish and suppression tests make small DuckDB files by hand (marts.fct_kpi_values,
reference.kpi_catalogue and, optionally, data_quality.dq_rule_summary: the relations the publication
models ``ref``) and then run the real model files on them with ``dbt run`` (csc.dbt_runner, as
tests/python/warehouse_helpers.py does). A dbt call costs about ten seconds, so every file is
built once per session and threshold (``DbtBuilds``) and copied for each test. The report and
publish conftests take the session fixture ``dbt_builds`` and the hook ``pytest_terminal_summary``
(the count of dbt calls) from here.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

PYTHON_TESTS = Path(__file__).resolve().parents[1]
if str(PYTHON_TESTS) not in sys.path:
    sys.path.insert(0, str(PYTHON_TESTS))

from warehouse_helpers import MINIMAL_LANDING, TEST_PSEUDONYM_KEY  # noqa: E402

from csc.dbt_runner import DbtResult, run_dbt  # noqa: E402
from csc.paths import WarehousePaths, find_project_dir  # noqa: E402

# In dependency order (dq_rule_summary_published only where the file has a dq_rule_summary).
# int_kpi_benchmarks reads reference.benchmarks_england and staging.stg_authority__benchmarks,
# and fct_kpi_values_benchmarked staging.stg_authority__kpi_targets: the file makes them.
PUBLICATION_MODELS = (
    "int_kpi_benchmarks", "fct_kpi_values_published", "fct_kpi_values_benchmarked", "dq_rule_summary_published",
)
# The file name dbt builds: its stem is the DuckDB catalog the models are created in.
BUILT_NAME = "warehouse.duckdb"


def run_publication_models(
    db_path: Path, threshold: object, models: tuple[str, ...] = PUBLICATION_MODELS
) -> DbtResult:
    """``dbt run`` of ``models`` on the file ``db_path`` with var suppression_threshold."""
    work = db_path.parent
    paths = WarehousePaths(
        project_dir=find_project_dir(),
        db_path=db_path,
        landing_dir=MINIMAL_LANDING,  # the sources are not read, but dbt parses them
        target_dir=work / "target",
    )
    variables = json.dumps({"suppression_threshold": threshold})  # JSON is YAML
    return run_dbt(paths, ["run", "--select", *models, "--vars", variables], pseudonym_key=TEST_PSEUDONYM_KEY)


class DbtBuilds:
    """Files built by dbt once per (kind, threshold) in a session, copied for each use.

    ``make_inputs(path)`` writes the hand-made relations of a kind into a new file; the
    publication models are then run on it with dbt. The folder is set by the conftest (a
    pytest temp folder); a bare import falls back to a temporary folder.
    """

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.calls = 0
        self._summarised = False
        self._built: dict[tuple[str, object], Path] = {}

    def built(
        self,
        kind: str,
        threshold: int,
        make_inputs: Callable[[Path], None],
        models: tuple[str, ...] = PUBLICATION_MODELS,
    ) -> Path:
        key = (kind, threshold)
        if key not in self._built:
            if self.directory is None:
                self.directory = Path(tempfile.mkdtemp(prefix="csc-dbt-builds-"))
            path = self.directory / f"{kind}-{threshold}" / BUILT_NAME
            path.parent.mkdir(parents=True)
            make_inputs(path)
            self.rebuild(path, threshold, models)
            self._built[key] = path
        return self._built[key]

    def summarise(self, write: Callable[[str], None]) -> None:
        """Say once how many dbt calls the session's test warehouses took."""
        if self.calls and not self._summarised:
            write(f"publication models: {self.calls} dbt run(s) for the test warehouses")
            self._summarised = True

    def rebuild(self, path: Path, threshold: int, models: tuple[str, ...] = PUBLICATION_MODELS) -> None:
        """Run the publication models with dbt on the file ``path`` (e.g. after a test changed
        its fct_kpi_values)."""
        result = self.run(path, threshold, models)
        assert result.ok, "\n".join(result.output[-40:])
        with duckdb.connect(str(path)) as con:  # the on-run-start hook's views of the landing files
            con.execute("drop schema if exists landing cascade")

    def run(self, path: Path, threshold: object, models: tuple[str, ...] = PUBLICATION_MODELS) -> DbtResult:
        """One dbt call (counted), whatever its outcome."""
        self.calls += 1
        return run_publication_models(path, threshold, models)

    def copy(self, kind: str, threshold: int, make_inputs: Callable[[Path], None], target: Path,
             models: tuple[str, ...] = PUBLICATION_MODELS) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.built(kind, threshold, make_inputs, models), target)
        return target


BUILDS = DbtBuilds()


@pytest.fixture(scope="session", autouse=True)
def dbt_builds(tmp_path_factory: pytest.TempPathFactory) -> DbtBuilds:
    """The session's dbt builds of the small warehouses (one dbt call per kind and threshold)."""
    if BUILDS.directory is None:
        BUILDS.directory = tmp_path_factory.mktemp("dbt_builds")
    return BUILDS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    BUILDS.summarise(terminalreporter.write_line)
