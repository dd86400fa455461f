"""Great Expectations checks run after `dbt build` (issue 6).

`run_checks(db_path, out_dir)` opens the warehouse read-only, streams each checked table into
pandas frames of a bounded number of rows (GX 1.24's SQL datasource does not work on DuckDB),
validates them against its suite (csc.checks.suites) with one GX checkpoint per table in a file
context under ``out_dir`` (never in the repository), combining the batches' results into the
table's (csc.checks.runner, csc.checks.batches), and writes the Data Docs there.

A failed *critical* expectation makes ``ChecksResult.ok`` false and is listed in ``failures``;
a failed *warning* expectation is listed in ``warnings`` only.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# Great Expectations imports pyspark when it is installed (`make spark`), and pyspark warns on
# import that it does not support pandas 3; the checks never use Spark, so a DuckDB build's
# output is not to carry that line.
warnings.filterwarnings(
    "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
)

__all__ = ["ChecksResult", "run_checks"]


@dataclass
class ChecksResult:
    """Outcome of the Great Expectations checkpoint runs."""

    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    docs_path: Path | None = None
    suites_run: int = 0
    expectations_run: int = 0

    @property
    def ok(self) -> bool:
        """False when a critical expectation failed."""
        return not self.failures


def run_checks(db_path: Path, out_dir: Path) -> ChecksResult:
    """Validate the warehouse at ``db_path``; GX project and Data Docs go under ``out_dir``."""
    from csc.checks.runner import run  # imported here: GX takes seconds to import

    return run(Path(db_path), Path(out_dir))
