"""The ``csc`` command line: build the warehouse, write the docs, and the other steps."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

import click

from csc.authority_files import AuthorityFileError, authority_file_vars
from csc.build import REFUSALS, USER_ERRORS, BuildError, build_warehouse
from csc.checks import run_checks
from csc.dbt_runner import DbtResult, run_dbt
from csc.engines import TARGETS, postgres, spark
from csc.export import export_command
from csc.lock import WarehouseBusyError, WarehouseLock
from csc.paths import ProjectNotFoundError, WarehousePaths, resolve_paths
from csc.publish import publish_command
from csc.report.options import threshold_option
from csc.report.cli import report_command
from csc.returns import ReturnsError, is_collection_year, produce_returns
from csc.synth.cli import synth


def _fail(message: str) -> None:
    click.echo(f"csc: {message}", err=True)
    sys.exit(1)


def _parse_vars(items: tuple[str, ...]) -> dict[str, object]:
    """``NAME=VALUE`` pairs as dbt vars; a VALUE that is JSON (10, true, "x") is read as such."""
    parsed: dict[str, object] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            _fail(f"--var {item!r}: expected NAME=VALUE, e.g. suppression_threshold=10")
        try:
            parsed[name.strip()] = json.loads(value)
        except json.JSONDecodeError:
            parsed[name.strip()] = value
    return parsed


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


def _check_warehouse(paths: WarehousePaths, gx_dir: Path) -> None:
    """Great Expectations checkpoint on the freshly built working copy (README "Data quality")."""
    click.echo("Running Great Expectations checks ...")
    result = run_checks(paths.db_path, gx_dir)
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


_COMPILED_AT = re.compile(r" compiled code at (\S+)")


def _existing_paths_only(reason: str) -> str:
    """dbt's reason without a 'compiled code at' path of the run folder, which is gone."""
    return _COMPILED_AT.sub(lambda match: match.group(0) if Path(match.group(1)).exists() else "", reason)


def _summary(result: DbtResult) -> str:
    counts = ", ".join(f"{count} {status}" for status, count in sorted(result.statuses.items()))
    elapsed = f" in {result.elapsed_seconds:.1f} s" if result.elapsed_seconds is not None else ""
    return f"{counts or 'no nodes run'}{elapsed}"


# The authority's own files, given to csc build and csc run-month alike.
benchmarks_option = click.option(
    "--benchmarks", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The authority's benchmark CSV (statistical neighbours, region, good LAs by KPI and year; "
         "docs/contracts/authority-files.md). Give it at every build: without it there are none.")
targets_option = click.option(
    "--targets", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The authority's targets CSV (kpi_id, target, amber_band[, applies_from]) for the RAG "
         "status; without it the report has no RAG column.")


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
@click.option("--new-warehouse", is_flag=True,
              help="Start a new warehouse (another authority's extract); --db must not exist yet.")
@click.option("--unit-tests", is_flag=True,
              help="Also run the dbt unit tests (the SQL logic on fixed inputs). They are a development "
                   "and CI check, run by make test; a monthly build runs the data tests only.")
@click.option("--quiet", is_flag=True, help="Only print the summary.")
@click.option("--var", "dbt_vars", multiple=True, metavar="NAME=VALUE",
              help="Set a dbt var for this build (repeatable), e.g. suppression_threshold=10; "
                   "the defaults are in dbt_project.yml.")
@click.option("--target", "engine", type=click.Choice(TARGETS), default="duckdb", show_default=True,
              help="Where to build: the DuckDB file --db, or the PostgreSQL database of the CSC_PG_* "
                   "variables (README \"PostgreSQL\"; the landing folder is checked as for DuckDB, "
                   "then loaded into schema landing; no Great Expectations checks there yet).")
@benchmarks_option
@targets_option
def build(landing: str | None, db: str | None, select: str | None, full_refresh: bool,
          no_checks: bool, unit_tests: bool, new_warehouse: bool, quiet: bool,
          dbt_vars: tuple[str, ...], engine: str, benchmarks: Path | None, targets: Path | None) -> None:
    """Build the warehouse from a landing folder: `dbt build` (models and data tests), then the
    Great Expectations checks; the warehouse is replaced only when both pass."""
    run_build(_paths(db, landing), select, full_refresh, no_checks, new_warehouse, quiet, dbt_vars,
              unit_tests=unit_tests, benchmarks=benchmarks, targets=targets, engine=engine)


def run_build(paths: WarehousePaths, select: str | None = None, full_refresh: bool = False,
              no_checks: bool = False, new_warehouse: bool = False, quiet: bool = False,
              dbt_vars: tuple[str, ...] = (), *, unit_tests: bool = False,
              benchmarks: Path | None = None, targets: Path | None = None, engine: str = "duckdb") -> None:
    """The build step of `csc build` (and of `csc run-month`); a failure is one line and exit 1."""
    if not paths.landing_dir.is_dir():
        _fail(f"landing folder {paths.landing_dir} does not exist (set --landing or CSC_LANDING_DIR)")
    where = f"PostgreSQL {postgres.describe_server()}" if engine == postgres.TARGET else paths.db_path
    click.echo(f"Building {where} from {paths.landing_dir}")
    args: list[str] = []
    if select:
        # cautious: a test runs only when every model it reads is in the selection. Eager (dbt's
        # default) would also run a test that joins a selected model to one not built, which
        # fails on a new warehouse and checks a mix of old and new tables on an existing one.
        args += ["--select", select, "--indirect-selection", "cautious"]
    if full_refresh:
        args.append("--full-refresh")
    if not unit_tests:
        # dbt's own guidance: unit tests check the SQL on fixed inputs, in development and CI,
        # not on each production run (they cost seconds and say nothing about this extract).
        args += ["--exclude-resource-type", "unit_test"]
    try:
        build_vars = {**_parse_vars(dbt_vars), **authority_file_vars(paths.project_dir, benchmarks, targets)}
    except AuthorityFileError as error:
        _fail(f"build refused: {error}")
    if build_vars:
        args += ["--vars", json.dumps(build_vars)]
    if engine in (postgres.TARGET, spark.TARGET):
        _build_on_engine(engine, paths, args, quiet, select)
        return
    run_the_checks = not (no_checks or select)
    if select and not no_checks:
        click.echo("Partial build (--select): Great Expectations checks skipped")
    try:
        outcome = build_warehouse(paths, args, echo=None if quiet else click.echo,
                                  after_build=_check_warehouse if run_the_checks else None,
                                  new_warehouse=new_warehouse, notify=click.echo)
    except ChecksFailedError as error:
        for failure in error.failures:
            click.echo(f"  {failure}", err=True)
        _fail(f"build failed: {error} (first: {error.failures[0]}); the previous warehouse, if any, is unchanged")
    except REFUSALS as error:
        _fail(f"build refused: {error}")
    except USER_ERRORS as error:
        _fail(f"build failed: {error}")
    except KeyboardInterrupt:
        _fail("build interrupted; the previous warehouse, if any, is unchanged and no working files were left")
    except Exception as error:  # one line, never a traceback (CSC_DEBUG=1 shows it)
        if os.environ.get("CSC_DEBUG"):
            raise
        _fail(f"build failed unexpectedly ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}); "
              f"the previous warehouse, if any, is unchanged; set CSC_DEBUG=1 for the details")
    result = outcome.result
    if not result.ok:
        logs = f"; dbt's log: {outcome.failed_logs}" if outcome.failed_logs else ""
        _fail(f"build failed: {_existing_paths_only(result.failure_reason())} "
              f"(the previous warehouse, if any, is unchanged{logs})")
    click.echo(f"Build OK ({_summary(result)}). Warehouse: {paths.db_path}")
    if not select:  # a partial build leaves the data-quality tables of an earlier build
        for line in outcome.summary:
            click.echo(line)


def _build_on_engine(engine: str, paths: WarehousePaths, args: list[str], quiet: bool,
                     select: str | None) -> None:
    """csc build --target postgres|spark (csc.engines.postgres, .spark); a failure is one line and exit 1."""
    if engine == spark.TARGET:
        build, refusal, name = spark.build_on_spark, spark.SparkError, "Spark"
        where = f"Spark {spark.spark_dir(paths)}"
    else:
        build, refusal, name = postgres.build_on_postgres, postgres.PostgresError, "PostgreSQL"
        where = f"PostgreSQL {postgres.describe_server()}"
    try:
        result = build(paths, args, echo=None if quiet else click.echo, notify=click.echo)
    except (refusal, *REFUSALS) as error:
        _fail(f"build refused: {error}")
    except KeyboardInterrupt:
        _fail(f"build interrupted; tables dbt had replaced on {name} stay replaced")
    except Exception as error:  # one line, never a traceback (CSC_DEBUG=1 shows it)
        _fail_unexpectedly("build", error)
    if not result.ok:
        _fail(f"build failed: {_existing_paths_only(result.failure_reason())}")
    click.echo(f"Build OK ({_summary(result)}) on {where}"
               f"{'' if select else f'; Great Expectations checks are not run on {name}'}")


@main.command()
@click.option("--landing", type=click.Path(file_okay=False), default=None,
              help="Landing folder the warehouse was built from (needed to describe the sources).")
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="Warehouse DuckDB file.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder for the docs page (default: build/docs).")
def docs(landing: str | None, db: str | None, out: str | None) -> None:
    """Write the static dbt docs page (lineage from landing columns to every KPI)."""
    paths = _paths(db, landing)
    out_dir = Path(out).resolve() if out else paths.build_dir / "docs"
    try:
        page = _write_docs(paths, out_dir)
    except WarehouseBusyError as error:
        _fail(f"docs refused: {error}")
    except (OSError, BuildError) as error:
        _fail(f"docs failed: {error}")
    click.echo(f"Docs: {page} (self-contained; open it in a browser, no server needed)")


# The docs page embeds compiled SQL: dbt gets a stand-in, never the warehouse's pseudonym key.
DOCS_STAND_IN_KEY = "0" * 64


def _write_docs(paths: WarehousePaths, out_dir: Path) -> Path:
    """`dbt docs generate --static` in a temporary target folder (never the project's)."""
    with tempfile.TemporaryDirectory(prefix="csc-docs-") as scratch:
        docs_paths = dataclasses.replace(paths, target_dir=Path(scratch) / "target")
        if paths.db_path.is_file():
            with WarehouseLock(paths.db_path, "csc docs"):
                result = run_dbt(docs_paths, ["docs", "generate", "--static"], pseudonym_key=DOCS_STAND_IN_KEY)
        else:  # no warehouse yet: an empty scratch database, so none is created at --db
            docs_paths = dataclasses.replace(docs_paths, db_path=Path(scratch) / paths.db_path.name)
            result = run_dbt(docs_paths, ["docs", "generate", "--static"], pseudonym_key=DOCS_STAND_IN_KEY)
        if not result.ok:
            raise BuildError(result.failure_reason())
        out_dir.mkdir(parents=True, exist_ok=True)
        page = out_dir / "index.html"
        shutil.copyfile(Path(scratch) / "target" / "static_index.html", page)
    return page


def _fail_unexpectedly(command: str, error: Exception) -> None:
    """One line for an error nobody foresaw; CSC_DEBUG=1 raises it with its traceback."""
    if os.environ.get("CSC_DEBUG"):
        raise error
    first = str(error).splitlines()[0] if str(error) else ""
    _fail(f"{command} failed unexpectedly ({type(error).__name__}: {first}); set CSC_DEBUG=1 for the details")


T = TypeVar("T")


def _run_restricted(command: str, refusal: type[Exception], produce: Callable[[], T]) -> T:
    """Run a command that builds restricted models and writes their files; a user's error is one line."""
    try:
        return produce()
    except (refusal, *REFUSALS) as error:
        _fail(f"{command} refused: {error}")
    except USER_ERRORS as error:
        _fail(f"{command} failed: {_existing_paths_only(str(error))}")
    except Exception as error:  # one line, never a traceback (CSC_DEBUG=1 shows it)
        _fail_unexpectedly(command, error)
    raise AssertionError("unreachable: _fail exits")


@main.command(name="returns")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Warehouse DuckDB file (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@click.option("--year", default=None, metavar="YYYY-YY",
              help="Collection year, April to March, e.g. 2021-22 (default: the year of the extract date).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder for the files (default: build/returns/<year>).")
def returns_command(db: str | None, year: str | None, out: str | None) -> None:
    """Build the statutory returns (SSDA903, CIN census) of a collection year and write their
    files: restricted, child-level, never published."""
    paths = _paths(db, None)
    outcome = _run_restricted("returns", ReturnsError,
                              lambda: produce_returns(paths, year, Path(out) if out else None, echo=click.echo))
    details = outcome.details
    provisional = " (provisional: as at the extract date)" if details.get("is_provisional") else ""
    click.echo(f"Returns {details.get('collection_year')} as at {details.get('as_at_date')}{provisional}: {outcome.out_dir}")
    for name, info in outcome.files.items():
        click.echo(f"  {name}: {info['rows']} row(s)")
    for note in outcome.notes:
        click.echo(note)


@main.command(name="annex-a")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Warehouse DuckDB file (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@click.option("--as-at", "as_at", default=None, metavar="YYYY-MM-DD",
              help="Reference date R, standing in for the inspection date (default: the extract date).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder under which restricted/annex_a/ is written (default: build).")
@click.option("--var", "dbt_vars", multiple=True, metavar="NAME=VALUE",
              help="Set a dbt var (repeatable), e.g. annex_a_months=12; "
                   "the defaults are in dbt_project.yml.")
def annex_a_command(db: str | None, as_at: str | None, out: str | None, dbt_vars: tuple[str, ...]) -> None:
    """Build the Ofsted Annex A lists 1-11 as at a date and write the 11 CSVs and the workbook to
    <out>/restricted/annex_a/: restricted, child-level, never published (README "Annex A for an
    inspection")."""
    from csc.annex_a import AnnexAError, produce_annex_a

    paths = _paths(db, None)
    outcome = _run_restricted("annex-a", AnnexAError, lambda: produce_annex_a(
        paths, as_at, Path(out) if out else None, _parse_vars(dbt_vars), echo=click.echo))
    details = outcome.details
    assert details is not None
    click.echo(f"Annex A as at {details.as_at.isoformat()} (RESTRICTED, child-level): {outcome.out_dir}")
    for name, rows in outcome.rows.items():
        click.echo(f"  {name}.csv: {rows} row(s)")
    click.echo(f"  workbook: {outcome.workbook}")
    for note in outcome.notes:
        click.echo(f"  blank: {note.list_name} {note.heading or 'whole list'}: {note.reason}")


@main.command()
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Warehouse DuckDB file (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@click.option("--year", default=None, metavar="YYYY-YY",
              help="Collection year, e.g. 2021-22 (default: the --returns folder's, else the year the "
                   "warehouse's returns were built for).")
@click.option("--returns", "returns_dir", type=click.Path(file_okay=False), default=None,
              help="Folder csc returns wrote (default: build/returns/<year>).")
def validate(db: str | None, year: str | None, returns_dir: str | None) -> None:
    """Run the DfE's own rule engines (SSDA903 and CIN census) on the return files and load what
    they find into the warehouse (dq_dfe_findings, dq_dfe_rule_summary), plus a restricted list
    for analysts (README "Validating a return")."""
    from csc.returns import validate as returns_validate
    from csc.returns.dfe_env import DfeEnvironmentError, ensure_dfe_env

    if year is not None and not is_collection_year(year):
        _fail(f"--year {year!r}: expected a collection year like 2021-22")
    paths = _paths(db, None)
    if returns_dir is not None:
        folder = Path(returns_dir).expanduser().resolve()
    else:
        year = year or returns_validate.year_of_warehouse(paths.db_path)
        if year is None:
            _fail(f"no collection year: give --year or --returns (the warehouse {paths.db_path} has no returns built)")
        folder = paths.build_dir / "returns" / str(year)
    try:
        returns = returns_validate.check_returns(folder, year)
        returns_validate.check_landing(paths)
        click.echo(f"Validating the {returns.collection_year} returns in {folder}")
        env = ensure_dfe_env(echo=click.echo)
        outputs = returns_validate.validate_returns(paths, returns, env, click.echo)
    except (returns_validate.ValidationError, DfeEnvironmentError, WarehouseBusyError, *REFUSALS) as error:
        _fail(f"validate refused: {error}")
    except USER_ERRORS as error:
        _fail(f"validate failed: {_existing_paths_only(str(error))}")
    for output in outputs:
        click.echo(returns_validate.describe(output))
    click.echo(f"Loaded into {paths.db_path}: data_quality.dq_dfe_findings, data_quality.dq_dfe_rule_summary")


@main.command(name="run-month")
@click.option("--landing", type=click.Path(file_okay=False), default=None,
              help="This month's landing folder (default: $CSC_LANDING_DIR, else build/landing/demo).")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="The warehouse, kept from month to month (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder of the month folders (default: build/months); the month's go to <out>/YYYY-MM.")
@click.option("--month", metavar="YYYY-MM", default=None, help="Report month (default: the report's default month).")
@click.option("--commentary", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Analyst commentary for the report (as csc report --commentary).")
@click.option("--months", type=click.IntRange(min=0), default=18, show_default=True,
              help="Months in the workbook (as csc export --months; 0 for every month).")
@threshold_option
@click.option("--var", "dbt_vars", multiple=True, metavar="NAME=VALUE",
              help="A dbt var for the build (repeatable; as csc build --var).")
@click.option("--full-refresh", is_flag=True, help="As csc build --full-refresh.")
@click.option("--no-checks", is_flag=True, help="Skip the Great Expectations checks (as csc build --no-checks).")
@click.option("--new-warehouse", is_flag=True, help="As csc build --new-warehouse (the first month of a warehouse).")
@click.option("--quiet", is_flag=True, help="Only print the build's summary.")
@click.option("--force", is_flag=True, help="Replace the month folder when it exists already.")
@benchmarks_option
@targets_option
def run_month_command(landing: str | None, db: str | None, out: str | None, month: str | None,
                      commentary: Path | None, months: int, threshold: int | None, dbt_vars: tuple[str, ...],
                      full_refresh: bool, no_checks: bool, new_warehouse: bool, quiet: bool, force: bool,
                      benchmarks: Path | None, targets: Path | None) -> None:
    """One command a month: build, report (HTML and PDF), workbook, publish and docs, archived
    with a manifest in <out>/YYYY-MM (README "Each month"); a failed step leaves no month folder."""
    from csc.run_month import MonthOptions, RunMonthError, run_month

    paths = _paths(db, landing)
    out_root = Path(out).resolve() if out else paths.build_dir / "months"
    options = MonthOptions(month=month, commentary=commentary, threshold=threshold, months=months, force=force)
    try:
        folder = run_month(
            paths, out_root, options,
            build=lambda: run_build(paths, None, full_refresh, no_checks, new_warehouse, quiet, dbt_vars,
                                    benchmarks=benchmarks, targets=targets),
            docs=lambda folder: _write_docs(paths, folder), echo=click.echo)
    except RunMonthError as error:
        _fail(f"run-month: {error}; no month folder was written under {out_root}")
    except KeyboardInterrupt:
        _fail(f"run-month interrupted; no month folder was written under {out_root}")
    click.echo(f"Month folder: {folder}")
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            click.echo(f"  {path.relative_to(folder)} ({path.stat().st_size:,} bytes)")


@main.command(name="bench")
@click.option("--landing", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Build this landing folder instead of synthesising one (--profile and --sizes are then unused).")
@click.option("--profile", default="county", show_default=True, help="csc synth profile of the extracts.")
@click.option("--sizes", default="1", show_default=True, metavar="K[,K...]",
              help="Sizes as multiples of the profile's child population, e.g. 1,4,16 for a series.")
@click.option("--format", "file_format", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="File format of the synthesised extracts.")
@click.option("--landing-part", type=click.Choice(["1", "all"]), default="all", show_default=True,
              help="As csc synth --landing-part: 1 gives the part-1 files only (the national profile's ~45 M rows).")
@click.option("--runs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Builds of each extract into the same warehouse; the figures are the last one's "
                   "(2 shows a re-run, with dbt's partial parse).")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Work folder for the extracts and warehouses (default: build/bench); an extract "
                   "already there is reused.")
@click.option("--no-floor", is_flag=True, help="Skip running the compiled SQL raw in DuckDB.")
@click.option("--verbose", is_flag=True, help="Also print the builds' own output.")
def bench_command(landing: Path | None, profile: str, sizes: str, file_format: str, landing_part: str,
                  runs: int, work: Path | None, no_floor: bool, verbose: bool) -> None:
    """Build an extract and print where the time and memory go: steps, dbt layers and nodes,
    statements per node, peak memory per process, rows per second, the raw-DuckDB floor and,
    for several sizes, how cost grows. Figures only."""
    from csc.bench import run_bench

    try:
        factors = [float(item) for item in sizes.split(",") if item.strip()]
    except ValueError:
        _fail(f"--sizes {sizes!r}: expected numbers separated by commas, e.g. 1,4,16")
    if not factors or any(factor <= 0 for factor in factors):
        _fail(f"--sizes {sizes!r}: expected positive numbers, e.g. 1,4,16")
    folder = work or _paths(None, None).build_dir / "bench"
    run_bench(click.echo, folder.resolve(), landing.resolve() if landing else None, profile, factors,
              runs=runs, floor=not no_floor, file_format=file_format, echo=click.echo if verbose else None,
              landing_part=landing_part)


main.add_command(synth, name="synth")
main.add_command(report_command, name="report")
main.add_command(publish_command, name="publish")
main.add_command(export_command, name="export")


if __name__ == "__main__":
    main()
