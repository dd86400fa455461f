"""The ``csc`` command line: build the warehouse, write the docs, and the other steps."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from csc.build import build_warehouse
from csc.checks import run_checks
from csc.dbt_runner import DbtResult, run_dbt
from csc.paths import ProjectNotFoundError, WarehousePaths, resolve_paths
from csc.publish import publish_command
from csc.report.cli import report_command
from csc.synth.cli import synth


def _fail(message: str) -> None:
    click.echo(f"csc: {message}", err=True)
    sys.exit(1)


def _paths(db: str | None, landing: str | None) -> WarehousePaths:
    try:
        return resolve_paths(db=db, landing=landing)
    except ProjectNotFoundError as error:
        _fail(str(error))
        raise  # unreachable; keeps type checkers content


class ChecksFailedError(RuntimeError):
    """Critical Great Expectations failures after dbt build."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__(f"{len(failures)} critical check(s) failed")
        self.failures = failures


def _check_warehouse(paths: WarehousePaths) -> None:
    """Great Expectations checkpoint on the freshly built working copy (README "Data quality")."""
    click.echo("Running Great Expectations checks ...")
    result = run_checks(paths.db_path, paths.build_dir)
    shown = 10
    for warning in result.warnings[:shown]:
        click.echo(f"  warning: {warning}")
    if len(result.warnings) > shown:
        click.echo(f"  ... and {len(result.warnings) - shown} more warnings")
    if result.docs_path is not None:
        click.echo(f"  Data Docs: {result.docs_path}")
    if not result.ok:
        raise ChecksFailedError(result.failures)
    click.echo(f"  {result.suites_run} suites, {result.expectations_run} expectations: "
               f"no critical failure, {len(result.warnings)} warning(s)")


def _summary(result: DbtResult) -> str:
    counts = ", ".join(f"{count} {status}" for status, count in sorted(result.statuses.items()))
    elapsed = f" in {result.elapsed_seconds:.1f} s" if result.elapsed_seconds is not None else ""
    return f"{counts or 'no nodes run'}{elapsed}"


@click.group()
@click.version_option(package_name="csc-warehouse")
def main() -> None:
    """Children's social care performance warehouse (dbt + DuckDB)."""


@main.command()
@click.option("--landing", type=click.Path(file_okay=False), default=None,
              help="Landing folder (default: $CSC_LANDING_DIR, else build/landing/demo).")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Warehouse DuckDB file (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@click.option("--select", "select", default=None, help="dbt node selection (default: everything).")
@click.option("--full-refresh", is_flag=True,
              help="Rebuild incremental models from scratch (drops care-leaver history not in this landing folder).")
@click.option("--no-checks", is_flag=True,
              help="Skip the Great Expectations checks (they are skipped anyway with --select).")
@click.option("--quiet", is_flag=True, help="Only print the summary.")
def build(landing: str | None, db: str | None, select: str | None, full_refresh: bool,
          no_checks: bool, quiet: bool) -> None:
    """Build the warehouse from a landing folder: `dbt build` (models and tests), then the
    Great Expectations checks; the warehouse is replaced only when both pass."""
    paths = _paths(db, landing)
    if not paths.landing_dir.is_dir():
        _fail(f"landing folder {paths.landing_dir} does not exist (set --landing or CSC_LANDING_DIR)")
    click.echo(f"Building {paths.db_path} from {paths.landing_dir}")
    args: list[str] = []
    if select:
        args += ["--select", select]
    if full_refresh:
        args.append("--full-refresh")
    run_the_checks = not (no_checks or select)
    if select and not no_checks:
        click.echo("Partial build (--select): Great Expectations checks skipped")
    try:
        result = build_warehouse(paths, args, echo=None if quiet else click.echo,
                                 after_build=_check_warehouse if run_the_checks else None)
    except ChecksFailedError as error:
        for failure in error.failures:
            click.echo(f"  {failure}", err=True)
        _fail(f"build failed: {error} (first: {error.failures[0]}); the previous warehouse, if any, is unchanged")
    if not result.ok:
        _fail(f"build failed: {result.failure_reason()} (the previous warehouse, if any, is unchanged)")
    click.echo(f"Build OK ({_summary(result)}). Warehouse: {paths.db_path}")


@main.command()
@click.option("--landing", type=click.Path(file_okay=False), default=None,
              help="Landing folder the warehouse was built from (needed to describe the sources).")
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="Warehouse DuckDB file.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder for the docs page (default: build/docs).")
def docs(landing: str | None, db: str | None, out: str | None) -> None:
    """Write the static dbt docs page (lineage from landing columns to every KPI)."""
    paths = _paths(db, landing)
    result = run_dbt(paths, ["docs", "generate", "--static"], echo=None)
    if not result.ok:
        _fail(f"docs failed: {result.failure_reason()}")
    out_dir = Path(out).resolve() if out else paths.build_dir / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / "index.html"
    shutil.copyfile(paths.target_dir / "static_index.html", page)
    click.echo(f"Docs: {page} (self-contained; open it in a browser, no server needed)")


main.add_command(synth, name="synth")
main.add_command(report_command, name="report")
main.add_command(publish_command, name="publish")


if __name__ == "__main__":
    main()
