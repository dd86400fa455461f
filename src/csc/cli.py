"""The ``csc`` command line: build the warehouse, write the docs, and the other steps."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from csc.build import build_warehouse
from csc.dbt_runner import DbtResult, run_dbt
from csc.paths import ProjectNotFoundError, WarehousePaths, resolve_paths


def _fail(message: str) -> None:
    click.echo(f"csc: {message}", err=True)
    sys.exit(1)


def _paths(db: str | None, landing: str | None) -> WarehousePaths:
    try:
        return resolve_paths(db=db, landing=landing)
    except ProjectNotFoundError as error:
        _fail(str(error))
        raise  # unreachable; keeps type checkers content


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
@click.option("--quiet", is_flag=True, help="Only print the summary.")
def build(landing: str | None, db: str | None, select: str | None, full_refresh: bool, quiet: bool) -> None:
    """Build the warehouse from a landing folder with `dbt build` (models and tests)."""
    paths = _paths(db, landing)
    if not paths.landing_dir.is_dir():
        _fail(f"landing folder {paths.landing_dir} does not exist (set --landing or CSC_LANDING_DIR)")
    click.echo(f"Building {paths.db_path} from {paths.landing_dir}")
    args: list[str] = []
    if select:
        args += ["--select", select]
    if full_refresh:
        args.append("--full-refresh")
    result = build_warehouse(paths, args, echo=None if quiet else click.echo)
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


def _register_optional_commands() -> None:
    """Commands that live in their own modules (generator, report, publishing)."""
    try:
        from csc.synth.cli import synth
    except ImportError:
        pass
    else:
        main.add_command(synth, name="synth")
    try:
        from csc.report.cli import report_command
    except ImportError:
        pass
    else:
        main.add_command(report_command, name="report")
    try:
        from csc.publish import publish_command
    except ImportError:
        pass
    else:
        main.add_command(publish_command, name="publish")


_register_optional_commands()


if __name__ == "__main__":
    main()
