"""Runs the suites of csc.checks.suites as GX checkpoints over frames queried from DuckDB,
one suite's frame (only the columns it checks) at a time."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

os.environ["GX_ANALYTICS_ENABLED"] = "false"

import duckdb  # noqa: E402
import great_expectations as gx  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

from csc.checks import ChecksResult  # noqa: E402
from csc.checks.offline_docs import make_offline  # noqa: E402
from csc.checks.suites import CRITICAL, SuiteSpec, all_suites  # noqa: E402

DATASOURCE = "csc_warehouse_frames"


def _suites(con: duckdb.DuckDBPyConnection) -> list[SuiteSpec]:
    """The suites of the tables in this warehouse, with its canonical codes."""
    tables = {(s, t) for s, t in con.execute(
        "select table_schema, table_name from information_schema.tables").fetchall()}
    columns = {(s, t, c) for s, t, c in con.execute(
        "select table_schema, table_name, column_name from information_schema.columns").fetchall()}
    codes: dict[str, list[str]] = {}
    if ("reference", "ref_codes") in tables:
        for code_list, code in con.execute("select code_list, code from reference.ref_codes").fetchall():
            codes.setdefault(code_list, []).append(code)
    return all_suites(codes, lambda schema, table: (schema, table) in tables,
                      lambda schema, table, column: (schema, table, column) in columns)


def _frame(con: duckdb.DuckDBPyConnection, suite: SuiteSpec) -> pd.DataFrame | str:
    """The suite's frame, or the reason it cannot be read. One frame is held at a time, so the
    step's memory is that of the largest suite, not of all of them."""
    try:
        return con.execute(suite.query).df()
    except duckdb.Error as error:
        return str(error).splitlines()[0]


def _short(value: Any) -> str:
    if hasattr(value, "date"):
        return str(value.date())
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _message(suite: str, result: Any) -> str:
    config = result.expectation_config
    kwargs = {k: v for k, v in config.kwargs.items() if k in ("column", "column_A", "column_B", "column_list", "value")}
    detail = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    observed = result.result or {}
    count = observed.get("unexpected_count")
    sample = observed.get("partial_unexpected_list") or []
    extra = ""
    if count is not None:
        extra = f": {count} unexpected"
        rows = observed.get("partial_unexpected_index_list") or []
        if rows and isinstance(rows[0], dict):
            shown = [", ".join(f"{k}={_short(v)}" for k, v in row.items()) for row in rows[:3]]
            extra += f" (e.g. {'; '.join(shown)})"
        elif sample:
            examples = list(dict.fromkeys(str(v) for v in sample))[:3]
            extra += f" (e.g. {', '.join(examples)})"
    elif "observed_value" in observed:
        extra = f": observed {observed['observed_value']}"
    if result.exception_info and result.exception_info.get("raised_exception"):
        extra = f": raised {result.exception_info.get('exception_message')}"
    return f"GX suite {suite}: {config.type}({detail}) failed{extra}"


def run(db_path: Path, out_dir: Path) -> ChecksResult:
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = ChecksResult()
    if not db_path.is_file():
        result.failures.append(f"GX: warehouse {db_path} not found")
        return result
    with duckdb.connect(str(db_path), read_only=True) as con:
        _validate(con, _suites(con), out_dir, result)
    return result


def _validate(con: duckdb.DuckDBPyConnection, suites: list[SuiteSpec], out_dir: Path,
              result: ChecksResult) -> None:
    context = gx.get_context(mode="file", project_root_dir=str(out_dir))
    context.enable_analytics(False)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_or_update_pandas(name=DATASOURCE)
    for suite_spec in suites:
        frame = _frame(con, suite_spec)
        if isinstance(frame, str):
            result.failures.append(f"GX suite {suite_spec.name}: table cannot be read: {frame}")
            continue
        try:
            asset = datasource.get_asset(suite_spec.name)
        except LookupError:
            asset = datasource.add_dataframe_asset(name=suite_spec.name)
        try:
            batch = asset.get_batch_definition("whole_frame")
        except KeyError:
            batch = asset.add_batch_definition_whole_dataframe("whole_frame")
        suite = context.suites.add_or_update(gx.ExpectationSuite(name=suite_spec.name, expectations=suite_spec.expectations))
        validation = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"{suite_spec.name}_validation", data=batch, suite=suite))
        checkpoint = context.checkpoints.add_or_update(gx.Checkpoint(
            name=f"csc_{suite_spec.name}", validation_definitions=[validation],
            actions=[],
            result_format={"result_format": "SUMMARY", "unexpected_index_column_names": suite_spec.index_columns}))
        run_result = checkpoint.run(batch_parameters={"dataframe": frame})
        del frame  # before the next suite's frame is read
        result.suites_run += 1
        for validation_result in run_result.run_results.values():
            for expectation_result in validation_result.results:
                result.expectations_run += 1
                if expectation_result.success:
                    continue
                severity = str(getattr(expectation_result.expectation_config, "severity", CRITICAL) or CRITICAL)
                message = _message(suite_spec.name, expectation_result)
                if severity.lower().endswith(CRITICAL):
                    result.failures.append(message)
                else:
                    result.warnings.append(message)
    context.build_data_docs()
    docs = out_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    if docs.is_file():
        make_offline(docs.parent)  # the site's CSS and scripts from vendored copies, not CDNs
    result.docs_path = docs if docs.is_file() else None
