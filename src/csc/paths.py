"""Where the project, the warehouse and the landing folder are.

The dbt project is the repository root (the folder holding ``dbt_project.yml``). Relative
paths given on the command line are taken from the current directory; the defaults are
inside the project (``build/warehouse.duckdb``, ``build/landing/demo``), so the CLI works
from any working directory.

Everything a build writes besides the warehouse lives beside the warehouse, never in the
project folder, so builds of different warehouses from one installation never meet:

    <db folder>/<db name>                 the warehouse
    <db folder>/<db name>.key             the pseudonym key (csc.keys), when not in the environment
    <db folder>/.csc-<db name>/lock       the build lock (csc.lock)
    <db folder>/.csc-<db name>/run-<UTC time>-<pid>/   one build's working copy and dbt target
    <db folder>/.csc-<db name>/checks/    Great Expectations project and Data Docs of the last build
    <db folder>/.csc-<db name>/failed-run-logs/         dbt logs of the last failed build
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("build") / "warehouse.duckdb"
DEFAULT_LANDING = Path("build") / "landing" / "demo"


class ProjectNotFoundError(RuntimeError):
    """Raised when no dbt_project.yml can be found for the warehouse."""


def find_project_dir() -> Path:
    """The dbt project folder: ``CSC_PROJECT_DIR`` if set, else the checkout this package is in."""
    configured = os.environ.get("CSC_PROJECT_DIR")
    candidates = [Path(configured)] if configured else list(Path(__file__).resolve().parents)
    for candidate in candidates:
        if (candidate / "dbt_project.yml").is_file():
            return candidate.resolve()
    raise ProjectNotFoundError(
        "cannot find the dbt project (dbt_project.yml); set CSC_PROJECT_DIR to the repository root"
    )


@dataclass(frozen=True)
class WarehousePaths:
    """Resolved, absolute locations used by one command."""

    project_dir: Path
    db_path: Path
    landing_dir: Path
    # dbt's --target-path; None: a folder of the build's own (csc.build), or a temporary one.
    target_dir: Path | None = None

    @property
    def build_dir(self) -> Path:
        return self.project_dir / "build"


def resolve_paths(db: str | os.PathLike[str] | None = None,
                  landing: str | os.PathLike[str] | None = None,
                  target: str | os.PathLike[str] | None = None) -> WarehousePaths:
    """Resolve the warehouse, landing and dbt target paths: option, then environment, then default."""
    project_dir = find_project_dir()

    def pick(option: str | os.PathLike[str] | None, env_name: str, default: Path) -> Path:
        if option is not None:
            return Path(option).expanduser().resolve()
        from_env = os.environ.get(env_name)
        if from_env:
            return Path(from_env).expanduser().resolve()
        return (project_dir / default).resolve()

    return WarehousePaths(
        project_dir=project_dir,
        db_path=pick(db, "CSC_DUCKDB_PATH", DEFAULT_DB),
        landing_dir=pick(landing, "CSC_LANDING_DIR", DEFAULT_LANDING),
        target_dir=_explicit_path(target, "CSC_DBT_TARGET_DIR"),
    )


def _explicit_path(option: str | os.PathLike[str] | None, env_name: str) -> Path | None:
    value = option if option is not None else os.environ.get(env_name) or None
    return Path(value).expanduser().resolve() if value is not None else None


def state_dir(db_path: Path) -> Path:
    """The folder beside the warehouse holding its lock, build runs and check output."""
    return db_path.parent / f".csc-{db_path.name}"


def key_file(db_path: Path) -> Path:
    """The pseudonym key file beside the warehouse."""
    return db_path.with_name(db_path.name + ".key")
