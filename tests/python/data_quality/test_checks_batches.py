"""Great Expectations validated batch by batch (csc.checks.runner, csc.checks.batches).

A hand-made warehouse of 10,000 persons and 10,000 referrals, with failures spread over five
batches of 2,048 rows: child keys that are null or malformed, landing row numbers repeated in
other batches and in the same one, and 25 unknown referral sources (more than the 20 examples GX
keeps). Validated in batches of 2,048 rows it must give exactly what one whole frame gives: the
same failures and warnings (counts and examples) and the same stored validation results, which
the Data Docs show. The batch size bounds the frames GX is given.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from csc.checks import run_checks
from csc.checks import runner

ROWS = 10_000
BATCH = 2048
MALFORMED = (10, 5000, 9990)
NULL_KEYS = (20, 6000)
#: row -> its landing row number, which another row has (row n has n + 1): 50 three times over
#: three batches, 9000 twice in one batch
REPEATS = {4100: 50, 8200: 50, 9000: 9000}
UNKNOWN = {row: f"Z{row % 7}" for row in range(30, ROWS, 397)}


def _warehouse(path: Path) -> Path:
    persons, referrals = [], []
    for row in range(ROWS):
        key = None if row in NULL_KEYS else ("XYZ" if row in MALFORMED else f"{row:064x}")
        persons.append((f"P{row}", key, REPEATS.get(row, row + 1)))
        referrals.append((f"R{row}", f"P{row}", f"{row:064x}", UNKNOWN.get(row, "1A"), row + 1))
    with duckdb.connect(str(path)) as con:
        con.execute("create schema staging; create schema marts; create schema reference; "
                    "create table reference.ref_codes as select 'referral_source' as code_list, '1A' as code; "
                    "create table reference.kpi_catalogue (kpi_id varchar, is_change boolean, is_hr_ratio boolean)")
        con.execute("create table staging.stg_ssd__persons (person_id varchar, child_key varchar, landing_row_number bigint)")
        con.register("person_rows", pd.DataFrame(persons, columns=["person_id", "child_key", "landing_row_number"]))
        con.execute("insert into staging.stg_ssd__persons select * from person_rows")
        con.execute("create table staging.stg_la__extract_manifests (extract_date date, landing_row_number bigint)")
        con.execute("insert into staging.stg_la__extract_manifests values (date '2021-10-20', 1)")
        con.execute("""create table staging.stg_ssd__cin_episodes (referral_id varchar, person_id varchar,
            child_key varchar, referral_source_code varchar, primary_need_code varchar, close_reason_code varchar,
            landing_row_number bigint)""")
        con.register("referral_rows", pd.DataFrame(referrals, columns=[
            "referral_id", "person_id", "child_key", "referral_source_code", "landing_row_number"]))
        con.execute("insert into staging.stg_ssd__cin_episodes select referral_id, person_id, child_key, "
                    "referral_source_code, null, null, landing_row_number from referral_rows")
        con.execute("""create table marts.fct_kpi_values (kpi_id varchar, period_month date, period_end date,
            breakdown varchar, breakdown_value varchar, numerator double, denominator double, value double,
            unit varchar)""")
        con.execute("insert into marts.fct_kpi_values values ('rate', date '2021-10-01', date '2021-10-20', "
                    "'all', 'all', 130, 100, 130, 'percent')")
    return path


def _stored(out: Path) -> dict[str, dict]:
    """The stored validation results, without their run times and ids."""
    stored = {}
    for path in sorted((out / "gx" / "uncommitted" / "validations").rglob("*.json")):
        data = json.loads(path.read_text())
        for key in ("run_id", "validation_time", "validation_id", "checkpoint_id", "batch_markers"):
            data["meta"].pop(key, None)
        data.pop("id", None)
        for item in data["results"]:
            item["expectation_config"].pop("id", None)
        stored[path.relative_to(out).parts[3]] = data
    return stored


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    work = tmp_path_factory.mktemp("gx_batches")
    db = _warehouse(work / "wh.duckdb")
    seen: list[tuple[str, int]] = []
    original = runner._batches

    def recording(con, query, rows):
        for frame in original(con, query, rows):
            seen.append((query, len(frame)))
            yield frame

    patch = pytest.MonkeyPatch()
    try:
        patch.setattr(runner, "_batches", recording)
        patch.setenv("CSC_CHECKS_BATCH_ROWS", str(BATCH))
        batched = run_checks(db, work / "batched")
        batched_frames = list(seen)
        seen.clear()
        patch.setenv("CSC_CHECKS_BATCH_ROWS", str(1 << 30))
        whole = run_checks(db, work / "whole")
    finally:
        patch.undo()
    return batched, whole, _stored(work / "batched"), _stored(work / "whole"), batched_frames, list(seen)


def test_batches_give_the_results_of_one_frame(runs):
    batched, whole, batched_stored, whole_stored, _, _ = runs
    assert batched.failures == whole.failures
    assert batched.warnings == whole.warnings
    assert (batched.suites_run, batched.expectations_run) == (whole.suites_run, whole.expectations_run)
    assert batched_stored.keys() == whole_stored.keys()
    for suite, data in whole_stored.items():
        assert batched_stored[suite] == data, suite


def test_failures_spread_over_batches_are_counted_with_their_first_examples(runs):
    batched, *_ = runs
    messages = "\n".join(batched.failures)
    assert "expect_column_values_to_match_regex(column=child_key) failed: 3 unexpected " \
           "(e.g. child_key=XYZ, landing_row_number=11; child_key=XYZ, landing_row_number=5001; " \
           "child_key=XYZ, landing_row_number=9991)" in messages
    assert "expect_column_values_to_not_be_null(column=child_key) failed: 2 unexpected" in messages
    # 50 three times (batches 1, 3 and 5) and 9000 twice: five rows, in row order
    assert "stg_ssd__persons: expect_column_values_to_be_unique(column=landing_row_number) failed: " \
           "5 unexpected (e.g. landing_row_number=50; landing_row_number=50; landing_row_number=50)" in messages
    warning = next(w for w in batched.warnings if "referral_source_code" in w)
    assert f"{len(UNKNOWN)} unexpected" in warning


def test_examples_are_the_first_twenty_over_all_batches(runs):
    batched_stored = runs[2]
    result = next(r for r in batched_stored["stg_ssd__cin_episodes"]["results"]
                  if r["expectation_config"]["kwargs"].get("column") == "referral_source_code")["result"]
    first = sorted(UNKNOWN)[:20]
    assert result["unexpected_count"] == len(UNKNOWN)
    assert result["partial_unexpected_list"] == [UNKNOWN[row] for row in first]
    assert [row["landing_row_number"] for row in result["partial_unexpected_index_list"]] == [r + 1 for r in first]


def test_the_batch_size_bounds_the_frames_given_to_gx(runs):
    *_, batched_frames, whole_frames = runs
    persons = [n for query, n in batched_frames if "stg_ssd__persons" in query]
    assert len(persons) == 5 and max(persons) == BATCH and sum(persons) == ROWS
    assert max(n for _, n in batched_frames) <= BATCH
    assert max(n for _, n in whole_frames) == ROWS


def test_batches_are_the_rows_in_order_indexed_as_one_frame(tmp_path):
    with duckdb.connect() as con:
        con.execute("create table t as select i, case when i % 3 = 0 then null else i end as n "
                    "from range(5000) as r (i)")
        frames = list(runner._batches(con, "select * from t", BATCH))
        whole = con.execute("select * from t").df()
        empty = list(runner._batches(con, "select * from t where false", BATCH))
    assert [len(f) for f in frames] == [2048, 2048, 904]
    joined = pd.concat(frames)
    assert joined.index.equals(whole.index)
    assert joined["i"].tolist() == whole["i"].tolist()
    assert len(empty) == 1 and len(empty[0]) == 0


def test_gx_does_not_fingerprint_the_frames(tmp_path, monkeypatch):
    # GX hashes every in-memory frame for a batch marker nobody reads: a quarter of the step's
    # time at the national profile. The runner turns it off (HASH_THRESHOLD); were that lost, or
    # renamed by a GX upgrade, the frames would be hashed again and this fails.
    from great_expectations.execution_engine import pandas_execution_engine

    hashed: list[int] = []
    original = pandas_execution_engine.hash_pandas_dataframe
    monkeypatch.setattr(pandas_execution_engine, "hash_pandas_dataframe",
                        lambda df: hashed.append(len(df)) or original(df))
    result = run_checks(_warehouse(tmp_path / "wh.duckdb"), tmp_path / "out")
    assert result.suites_run > 0
    assert hashed == []
    markers = [json.loads(path.read_text())["meta"].get("batch_markers", {})
               for path in (tmp_path / "out" / "gx" / "uncommitted" / "validations").rglob("*.json")]
    assert markers and not any("pandas_data_fingerprint" in marker for marker in markers)
