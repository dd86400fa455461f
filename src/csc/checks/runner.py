"""Runs the suites of csc.checks.suites as GX checkpoints over frames streamed from DuckDB, a
bounded number of rows (``CSC_CHECKS_BATCH_ROWS``, default BATCH_ROWS) at a time, so the step's
memory does not grow with the extract (issue 14: the whole-table frames took 9.5 GB at the
national profile).

Why batches of the pandas route, of the three ways considered:

- **GX's SQL datasource on DuckDB** (tooling.md section 4) needs a patch of a private GX name to
  return any metric, and even then regular expressions fail (DuckDB is not a dialect GX knows),
  and the examples come in whatever order the SQL gives: not the same results.
- **The row checks pushed into DuckDB SQL**, GX validating small aggregate frames, would be
  fastest but would replace GX's expectations by our own SQL: the messages, the examples and
  the Data Docs would be ours to keep equal to GX's, for every expectation type.
- **Batches**: GX validates each batch as it validated the whole frame, and csc.checks.batches
  combines the batches' results into the whole frame's with GX's own ``_validate`` (sums of
  counts, the first examples in row order). The same expectations, failures, messages and
  stored results (tests/python/data_quality/test_checks_batches.py compares them), with about
  80 lines of our own code. The expectations that must see the whole table are already given
  frames aggregated in DuckDB (``monthly_row_counts``) or are uniqueness and row counts, which
  csc.checks.batches handles; a suite with any other kind is validated on one frame.

The last batch of a suite is validated by its checkpoint, whose stored result (shown by the
Data Docs) is then replaced by the combined one; the other batches by a GX Validator, which
stores nothing."""

from __future__ import annotations

import itertools
import logging
import os
from pathlib import Path
from typing import Any, Iterator

os.environ["GX_ANALYTICS_ENABLED"] = "false"

import duckdb  # noqa: E402
import great_expectations as gx  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.execution_engine import pandas_execution_engine  # noqa: E402
from great_expectations.validator.validation_statistics import calc_validation_statistics  # noqa: E402
from great_expectations.validator.v1_validator import Validator  # noqa: E402

from csc.checks import ChecksResult  # noqa: E402
from csc.checks.batches import Combined, combinable, is_unique  # noqa: E402
from csc.checks.offline_docs import make_offline  # noqa: E402
from csc.checks.suites import CRITICAL, SuiteSpec, all_suites  # noqa: E402

DATASOURCE = "csc_warehouse_frames"
#: DuckDB's vector: batches are whole vectors
VECTOR = 2048
#: rows validated at a time (a staging suite's frame is ~100-300 bytes a row): 262,144 rows held the
#: step at 1.2 GB at 16x county, 524,288 at 1.3 GB (scripts/bench_checks.py)
BATCH_ROWS = 128 * VECTOR
#: DuckDB's memory for the checks' queries: its cache of the table blocks read would otherwise
#: grow with the tables (to half the machine's memory), in the csc process
DUCKDB_MEMORY_LIMIT = "256MB"
#: a batch size no table reaches: the whole table in one frame
WHOLE = 1 << 40

# GX fingerprints every in-memory frame it is given (an md5 over pandas' hash of every row and
# index value, below a size of HASH_THRESHOLD bytes) and keeps the digest only as a batch marker
# of the stored result; nothing reads it back. At the national profile that hashing was a
# quarter of the step's time. A threshold of 0 turns it off for every frame.
pandas_execution_engine.HASH_THRESHOLD = 0


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


def batch_rows() -> int:
    """Rows validated at a time (``CSC_CHECKS_BATCH_ROWS``, default BATCH_ROWS)."""
    return max(VECTOR, int(os.environ.get("CSC_CHECKS_BATCH_ROWS") or BATCH_ROWS))


def _batches(con: duckdb.DuckDBPyConnection, query: str, rows: int) -> Iterator[pd.DataFrame]:
    """The query's rows in order, at most ``rows`` (rounded down to DuckDB vectors) at a time,
    each frame indexed by its rows' positions in the whole result, as one frame would be. At
    least one frame (empty for an empty table) is given. Raises duckdb.Error if the query fails."""
    cursor = con.cursor()
    cursor.execute(query)
    offset = 0
    while True:
        frame = cursor.fetch_df_chunk(max(1, rows // VECTOR))
        if offset and not len(frame):
            break
        frame.index = pd.RangeIndex(offset, offset + len(frame))
        offset += len(frame)
        yield frame
        if not len(frame):
            break


def _repeated_rows(con: duckdb.DuckDBPyConnection, query: str, column: str) -> pd.DataFrame:
    """The rows of ``query`` whose ``column`` value occurs more than once, in row order (a semi
    join keeps the order of the rows it filters)."""
    return con.execute(
        f"select * from ({query}) as checked_rows where {column} in "
        f"(select {column} from ({query}) as all_rows group by all having count(*) > 1)").df()


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
    with duckdb.connect(str(db_path), read_only=True, config={"memory_limit": DUCKDB_MEMORY_LIMIT}) as con:
        _validate(con, _suites(con), out_dir, result)
    return result


def _validate(con: duckdb.DuckDBPyConnection, suites: list[SuiteSpec], out_dir: Path,
              result: ChecksResult) -> None:
    context = gx.get_context(mode="file", project_root_dir=str(out_dir))
    context.enable_analytics(False)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_or_update_pandas(name=DATASOURCE)
    for suite_spec in suites:
        # a suite with an expectation that must see the whole table is validated on one frame
        rows = batch_rows() if all(combinable(e) for e in suite_spec.expectations) else WHOLE
        frames = _batches(con, suite_spec.query, rows)
        try:
            first = next(frames)
        except duckdb.Error as error:
            reason = str(error).splitlines()[0]
            result.failures.append(f"GX suite {suite_spec.name}: table cannot be read: {reason}")
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
        result_format = {"result_format": "SUMMARY", "unexpected_index_column_names": suite_spec.index_columns}
        checkpoint = context.checkpoints.add_or_update(gx.Checkpoint(
            name=f"csc_{suite_spec.name}", validation_definitions=[validation],
            actions=[], result_format=result_format))
        run_result = _run_batched(con, suite_spec, itertools.chain([first], frames), suite, batch,
                                  checkpoint, result_format, context)
        del first
        result.suites_run += 1
        for expectation_result in run_result.results:
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


def _run_batched(con: duckdb.DuckDBPyConnection, suite_spec: SuiteSpec, frames: Iterator[pd.DataFrame],
                 suite: Any, batch: Any, checkpoint: Any, result_format: dict[str, Any], context: Any) -> Any:
    """The suite's validation result over all of its rows, validated a batch (``frames``) at a time
    (csc.checks.batches says how the results are combined), stored as the checkpoint's result.

    Every batch but the last is validated by a GX Validator; the last by the checkpoint, whose
    stored result (the one the Data Docs show) is then given the combined results."""
    expectations = list(suite.expectations)
    combined = [Combined(expectation) for expectation in expectations]

    def add(results: Any) -> None:
        for total, expectation_result in zip(combined, results.results, strict=True):
            total.add(expectation_result)

    pending: pd.DataFrame | None = None
    for frame in frames:
        if pending is not None:
            add(Validator(batch_definition=batch, batch_parameters={"dataframe": pending},
                          result_format=result_format).validate_expectation_suite(suite))
        pending = frame
        del frame  # one batch held besides the one being validated
    run_result = checkpoint.run(batch_parameters={"dataframe": pending})
    del pending
    ((key, suite_result),) = run_result.run_results.items()
    add(suite_result)
    for column in dict.fromkeys(e.column for e in expectations if is_unique(e)):
        repeated = _repeated_rows(con, suite_spec.query, column)
        if not len(repeated):
            continue
        repeated_result = Validator(batch_definition=batch, batch_parameters={"dataframe": repeated},
                                    result_format=result_format).validate_expectation_suite(suite)
        for total, expectation_result in zip(combined, repeated_result.results, strict=True):
            if is_unique(total.expectation) and total.expectation.column == column:
                total.add_unexpected(expectation_result)
    suite_result.results = [total.result(expectation_result, result_format)
                            for total, expectation_result in zip(combined, suite_result.results, strict=True)]
    statistics = calc_validation_statistics(suite_result.results)
    suite_result.success = statistics.success
    suite_result.statistics = {
        "evaluated_expectations": statistics.evaluated_expectations,
        "successful_expectations": statistics.successful_expectations,
        "unsuccessful_expectations": statistics.unsuccessful_expectations,
        "success_percent": statistics.success_percent,
    }
    context.validation_results_store.set(key, suite_result)
    return suite_result
