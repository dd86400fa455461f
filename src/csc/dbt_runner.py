"""Run dbt in a subprocess with the project's profile, paths and telemetry settings.

dbt runs in its own process so that this process can open the DuckDB file afterwards (DuckDB
refuses a second connection with another configuration inside one process) and so that the
output streams line by line as progress.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

from csc.duckdb_settings import resolve_settings, spill_limit_message
from csc.keys import resolve_pseudonym_key
from csc.paths import WarehousePaths

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TIMESTAMP = re.compile(r"^\d\d:\d\d:\d\d\s+")


@dataclass
class DbtResult:
    """Outcome of one dbt command."""

    exit_code: int
    output: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    elapsed_seconds: float | None = None

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def disk_full(self) -> bool:
        """True when dbt (or DuckDB inside it) ran out of disk space."""
        return any("No space left on device" in line for line in self.output)

    def failure_reason(self) -> str:
        """One line saying why the command failed, taken from dbt's own error output."""
        spill_limit = spill_limit_message(self.output)
        if spill_limit is not None:
            return spill_limit
        lines = [_TIMESTAMP.sub("", line).strip() for line in self.output]
        for index, line in enumerate(lines):
            if line.startswith("Landing folder") and "cannot be loaded" in line:
                details = [item.lstrip("- ").strip() for item in lines[index + 1:] if item.startswith("- ")]
                return f"{line} {'; '.join(details)}".strip()
        for marker in ("Compilation Error", "Runtime Error", "Database Error", "Parsing Error"):
            for index, line in enumerate(lines):
                if marker in line:
                    following = [item for item in lines[index + 1:index + 4] if item]
                    return " ".join([line, *following])[:500]
        for line in lines:
            if line.startswith(("Failure in", "Error in", "[ERROR]")) or "ERROR" in line:
                return line[:500]
        return f"dbt exited with code {self.exit_code}"


def _die_with_parent() -> None:
    """In the dbt child (Linux): end when the csc process ends, even by kill -9, so a killed
    build leaves no dbt process writing into its run folder."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def dbt_executable() -> str:
    """The dbt script installed beside this Python interpreter."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def dbt_environment(paths: WarehousePaths, pseudonym_key: str) -> dict[str, str]:
    """Environment for dbt: the project's profile, absolute paths, the pseudonym key, no telemetry,
    and DuckDB's memory and spill settings (csc.duckdb_settings: yours, else from the machine)."""
    env = dict(os.environ)
    env.update(resolve_settings(paths.db_path, env).environment())
    env.pop("CSC_PSEUDONYM_SALT", None)  # retired: the key below replaces it
    env.update(
        {
            "DBT_PROFILES_DIR": str(paths.project_dir),
            "CSC_DUCKDB_PATH": str(paths.db_path),
            "CSC_LANDING_DIR": str(paths.landing_dir),
            "CSC_PSEUDONYM_KEY": pseudonym_key,
            "DO_NOT_TRACK": "1",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    return env


def run_dbt(paths: WarehousePaths, args: Sequence[str],
            echo: Callable[[str], None] | None = None,
            pseudonym_key: str | None = None, extra_env: Mapping[str, str] | None = None) -> DbtResult:
    """Run ``dbt <args>`` for the project, streaming each output line to ``echo``.

    ``pseudonym_key`` defaults to the warehouse's key (csc.keys: the environment, else the key
    file beside ``paths.db_path``, created on first use). ``paths.target_dir`` must be set.
    ``extra_env`` adds variables for dbt (another engine's connection options).
    """
    if paths.target_dir is None:
        raise ValueError("run_dbt needs a dbt target folder (paths.target_dir)")
    if pseudonym_key is None:
        pseudonym_key = resolve_pseudonym_key(paths.db_path)
    paths.db_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        dbt_executable(), *args,
        "--project-dir", str(paths.project_dir),
        "--profiles-dir", str(paths.project_dir),
        "--target-path", str(paths.target_dir),
        "--log-path", str(paths.target_dir / "logs"),
    ]
    run_results = paths.target_dir / "run_results.json"
    run_results.unlink(missing_ok=True)  # never report a previous run's results
    result = DbtResult(exit_code=-1)
    with subprocess.Popen(
        command,
        cwd=paths.project_dir,
        env={**dbt_environment(paths, pseudonym_key), **(extra_env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    ) as process:
        assert process.stdout is not None
        for raw_line in process.stdout:
            line = _ANSI.sub("", raw_line.rstrip("\n"))
            result.output.append(line)
            if echo is not None:
                echo(line)
        result.exit_code = process.wait()
    _read_run_results(run_results, result)
    return result


def _read_run_results(run_results: Path, result: DbtResult) -> None:
    if not run_results.is_file():
        return
    try:
        data = json.loads(run_results.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return
    statuses: dict[str, int] = {}
    for node in data.get("results", []):
        status = str(node.get("status", "unknown"))
        statuses[status] = statuses.get(status, 0) + 1
    result.statuses = statuses
    result.elapsed_seconds = data.get("elapsed_time")
