"""`csc publish`: an aggregate-only, suppressed, atomically replaced DuckDB file."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from synthetic_kpi_warehouse import CATALOGUE_FLAGS, build_warehouse

from csc.publish import PublishError, publish, publish_command

# The synthetic catalogue's KPIs that are not suppressed when small (staff FTE of the HR return).
STAFF_FTE_KPIS = tuple(kpi for kpi, (suppressed_when_small, *_) in CATALOGUE_FLAGS.items() if not suppressed_when_small)

EXPECTED_TABLES = {
    "fct_kpi_values",
    "fct_kpi_values_benchmarked",
    "kpi_catalogue",
    "dim_reporting_periods",
    "dim_teams",
    "dq_rule_summary",
    "fct_case_audit_grades",
    "dim_kpi_availability",
    "dim_breakdown_labels",  # issue 13: labels of every breakdown value
    "kpi_values_labelled",  # issue 13: the view of KPI values with their labels
    "fct_kpi_values_month_to_date_comparison",  # issue 13: the same days of the previous month
}

# Independent of csc.publish's own guard: what must never be published.
IDENTIFYING = re.compile(
    r"person|child_key|child_id|\bdob\b|birth|postcode|post_code|nhs|upn|address"
    r"|first_name|forename|surname|last_name|full_name|worker|staff|professional",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")
# Columns that hold counts (or sums of FTE) in the published tables.
COUNT_COLUMNS = {"numerator", "denominator", "failures"}


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}


STAFF_FTE_SQL = ", ".join(f"'{kpi}'" for kpi in STAFF_FTE_KPIS)


def scan_for_disclosure(path: Path, threshold: int) -> list[str]:
    """Every problem found in every table and column of a DuckDB file."""
    problems: list[str] = []
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns"
        ).fetchall()
        for schema, table, column, data_type in columns:
            relation = f'"{schema}"."{table}"'
            if IDENTIFYING.search(column):
                problems.append(f"identifying column {table}.{column}")
            if data_type == "VARCHAR":
                values = [r[0] for r in con.execute(f'select distinct "{column}" from {relation}').fetchall()]
                for value in values:
                    if value and POSTCODE.search(value):
                        problems.append(f"postcode-like value in {table}.{column}: {value!r}")
            if data_type == "DATE":
                # Dates of birth must not appear; the synthetic ones are before 2015.
                early = con.execute(f'select count(*) from {relation} where "{column}" < date \'2015-01-01\'').fetchall()[0][0]
                if early:
                    problems.append(f"{early} early dates in {table}.{column}")
            is_number = data_type in ("DOUBLE", "FLOAT", "INTEGER", "BIGINT", "HUGEINT", "SMALLINT") or data_type.startswith("DECIMAL")
            if is_number and (column in COUNT_COLUMNS or column.endswith("_count")):
                names = {c[2] for c in columns if c[1] == table}
                visible = "not coalesce(is_suppressed, false)" if "is_suppressed" in names else "true"
                if "kpi_id" in names:  # staff FTE from the HR return is published as it is
                    visible += f" and kpi_id not in ({STAFF_FTE_SQL})"
                small = con.execute(
                    f'select count(*) from {relation} where {visible} and "{column}" > 0 and "{column}" <= {threshold}'
                ).fetchall()[0][0]
                if small:
                    problems.append(f"{small} unsuppressed small counts in {table}.{column}")
            if column == "value" and {"unit", "is_suppressed"} <= {c[2] for c in columns if c[1] == table}:
                small = con.execute(
                    f"select count(*) from {relation} where unit = 'count' and not is_suppressed "
                    f"and kpi_id not in ({STAFF_FTE_SQL}) "
                    f"and value > 0 and value <= {threshold}"
                ).fetchall()[0][0]
                if small:
                    problems.append(f"{small} unsuppressed small count values in {table}")
            if column == "previous_period_value" and "unit" in {c[2] for c in columns if c[1] == table}:
                # last month's figure, shown whether or not this month's is suppressed
                small = con.execute(
                    f"select count(*) from {relation} where unit = 'count' and kpi_id not in ({STAFF_FTE_SQL}) "
                    f"and previous_period_value > 0 and previous_period_value <= {threshold}"
                ).fetchall()[0][0]
                if small:
                    problems.append(f"{small} unsuppressed small previous values in {table}")
    return problems


def test_publishes_only_the_aggregate_tables(warehouse: Path, tmp_path: Path) -> None:
    out = publish(warehouse, tmp_path / "published" / "csc_kpis.duckdb")
    with duckdb.connect(str(out), read_only=True) as con:
        assert _tables(con) == EXPECTED_TABLES
        schemas = {r[0] for r in con.execute("select distinct table_schema from information_schema.tables").fetchall()}
        assert schemas == {"main"}
        published = con.execute(
            "select kpi_id, period_month, breakdown, breakdown_value, numerator, denominator, value, is_suppressed "
            "from fct_kpi_values"
        ).fetchall()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        source = {
            (r[0], r[1], r[2], r[3]): r[4:]
            for r in con.execute(
                "select kpi_id, period_month, breakdown, breakdown_value, numerator, denominator, value from marts.fct_kpi_values"
            ).fetchall()
        }
    assert len(published) == len(source)
    suppressed = [row for row in published if row[7]]
    assert suppressed and len(suppressed) < len(published) / 2
    for row in published:
        if not row[7]:
            assert row[4:7] == source[row[:4]]
        else:
            assert row[4:7] == (None, None, None)
    # The benchmarked table has the same rows, with the judgements made in dbt.
    with duckdb.connect(str(out), read_only=True) as con:
        benchmarked = con.execute(
            "select kpi_id, period_month, breakdown, breakdown_value, numerator, denominator, value, is_suppressed "
            "from fct_kpi_values_benchmarked"
        ).fetchall()
        judgements = con.execute(
            "select distinct england_comparison from fct_kpi_values_benchmarked where england_comparison is not null"
        ).fetchall()
    assert sorted(benchmarked, key=repr) == sorted(published, key=repr)
    assert {row[0] for row in judgements} <= {"better", "worse", "same"} and judgements


def test_the_restricted_schema_is_never_published(warehouse: Path, tmp_path: Path) -> None:
    """Annex A lists (schema restricted, docs/contracts/annex-a.md) stay out, even a table named
    like a published one."""
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema restricted")
        con.execute("create table restricted.rpt_annex_a__list_03_referrals as select 'P-ANNEX-0001' as "
                    "child_unique_id, date '2021-09-01' as referral_date, 'R-ANNEX-1' as source_id")
        con.execute("create table restricted.dim_teams as select 'T-ANNEX' as team_id, 'P-ANNEX-0002' as team_name, "
                    "null as parent_team_id, null as locality, null as service")
        con.execute("checkpoint")
    out = publish(warehouse, tmp_path / "csc_kpis.duckdb")
    with duckdb.connect(str(out), read_only=True) as con:
        assert _tables(con) == EXPECTED_TABLES
        assert {r[0] for r in con.execute("select distinct table_schema from information_schema.tables").fetchall()} \
            == {"main"}
        assert con.execute("select count(*) from dim_teams where team_id = 'T-ANNEX'").fetchall() == [(0,)]
    assert b"P-ANNEX-" not in out.read_bytes()


@pytest.mark.parametrize("threshold", [4, 10])
def test_scan_finds_nothing_identifying_or_small(tmp_path: Path, threshold: int) -> None:
    # Suppression is part of the build: a warehouse built with the var at `threshold`.
    warehouse = build_warehouse(tmp_path / "warehouse.duckdb", threshold=threshold)
    out = publish(warehouse, tmp_path / "csc_kpis.duckdb", threshold)
    assert scan_for_disclosure(out, threshold) == []
    with duckdb.connect(str(out), read_only=True) as con:
        assert _tables(con) == EXPECTED_TABLES  # the scan read every published table
    # The synthetic warehouse's identifying values appear nowhere in the file's bytes either.
    data = out.read_bytes()
    for secret in (b"P001", b"EX1 1AA", b"Alex", b"Example"):
        assert secret not in data


def test_the_scan_can_fail(warehouse: Path) -> None:
    """The same scan on the unpublished warehouse finds identifying columns and small counts."""
    problems = scan_for_disclosure(warehouse, 4)
    assert any("identifying column stg_ssd__persons.person_id" in p for p in problems)
    assert any("child_key" in p for p in problems)
    assert any("postcode-like" in p for p in problems)
    assert any("small counts in fct_kpi_values.numerator" in p for p in problems)
    assert any("small counts in dq_rule_summary.failures" in p for p in problems)


def test_without_dq_summary(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "wh.duckdb", with_dq=False)
    out = publish(warehouse, tmp_path / "out.duckdb")
    with duckdb.connect(str(out), read_only=True) as con:
        assert _tables(con) == EXPECTED_TABLES - {"dq_rule_summary"}


def test_file_is_readable_by_duckdb_1_0_and_has_no_wal(warehouse: Path, tmp_path: Path) -> None:
    out = publish(warehouse, tmp_path / "out.duckdb")
    header = out.read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert struct.unpack("<Q", header[12:20])[0] == 64  # storage version of DuckDB v1.0.0
    assert not Path(str(out) + ".wal").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.duckdb", "warehouse.duckdb"]


def test_failed_publish_leaves_the_old_file_untouched(warehouse: Path, tmp_path: Path) -> None:
    out = publish(warehouse, tmp_path / "pub" / "out.duckdb")
    before = out.read_bytes()
    with duckdb.connect(str(warehouse)) as con:
        con.execute("drop table marts.dim_teams")
    with pytest.raises(PublishError, match="dim_teams"):
        publish(warehouse, out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["out.duckdb"]


def test_refuses_to_overwrite_the_warehouse(warehouse: Path) -> None:
    with pytest.raises(PublishError):
        publish(warehouse, warehouse)


def test_a_running_build_makes_publish_fail_cleanly(warehouse: Path, tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(warehouse)!r})
            print("locked", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(PublishError, match="build still running"):
            publish(warehouse, tmp_path / "out.duckdb")
    finally:
        holder.communicate("done\n", timeout=30)
    assert not (tmp_path / "out.duckdb").exists()


READER = textwrap.dedent("""
    import json, sys, duckdb

    def digest(con):
        rows = con.execute(
            "select count(*), sum(coalesce(numerator, 0)), count(*) filter (where is_suppressed) from fct_kpi_values"
        ).fetchall()[0]
        names = con.execute("select string_agg(kpi_name, '|' order by kpi_id) from kpi_catalogue").fetchall()[0][0]
        return [rows[0], rows[1], rows[2], names]

    con = duckdb.connect(sys.argv[1], read_only=True)
    first = digest(con)
    print(json.dumps(first), flush=True)
    reads, consistent = 0, True
    if sys.argv[2] == "hold":
        # Keep reading while the parent publishes again, until it says stop.
        import select
        while True:
            consistent = consistent and digest(con) == first
            reads += 1
            if select.select([sys.stdin], [], [], 0.01)[0]:
                sys.stdin.readline()
                break
        print(json.dumps({"reads": reads, "consistent": consistent, "last": digest(con)}), flush=True)
""")


def test_open_reader_keeps_old_version_and_new_reader_sees_new(warehouse: Path, tmp_path: Path) -> None:
    out = publish(warehouse, tmp_path / "csc_kpis.duckdb")
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(out), "hold"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        old = json.loads(reader.stdout.readline())
        # Change the warehouse as a new build would (the figures only: the test is about the
        # file's replacement, not suppression), then publish again while the reader reads.
        with duckdb.connect(str(warehouse)) as con:
            for table in ("fct_kpi_values", "fct_kpi_values_published", "fct_kpi_values_benchmarked"):
                con.execute(
                    f"update marts.{table} set numerator = numerator + 1000, value = value + 1000 where kpi_id = 'referrals'"
                )
            con.execute("update reference.kpi_catalogue set kpi_name = kpi_name || ' (v2)'")
        publish(warehouse, out)
        new_reader = subprocess.run(
            [sys.executable, "-c", READER, str(out), "once"], capture_output=True, text=True, timeout=60, check=True
        )
        new = json.loads(new_reader.stdout.splitlines()[0])
        stdout, stderr = reader.communicate("stop\n", timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, stderr
    held = json.loads(stdout.splitlines()[0])
    assert held["reads"] > 0 and held["consistent"] is True
    assert held["last"] == old
    assert new != old
    assert new[0] == old[0] and new[1] > old[1] and "(v2)" in new[3] and "(v2)" not in old[3]


def test_threshold_must_be_the_one_the_warehouse_was_built_with(warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match=r"built with suppression_threshold = 4, not 5.*csc build --var suppression_threshold=5"):
        publish(warehouse, tmp_path / "out.duckdb", 5)
    assert not (tmp_path / "out.duckdb").exists()
    out = publish(warehouse, tmp_path / "out.duckdb", 4)
    with duckdb.connect(str(out), read_only=True) as con:
        comment = con.execute("select comment from duckdb_tables() where table_name = 'fct_kpi_values'").fetchall()[0][0]
    assert "counts from 1 to 4" in comment


def test_cli(tmp_path: Path) -> None:
    warehouse = build_warehouse(tmp_path / "warehouse.duckdb", threshold=10)  # a dbt build of the session
    out = tmp_path / "cli" / "csc_kpis.duckdb"
    result = CliRunner().invoke(publish_command, ["--db", str(warehouse), "--out", str(out), "--threshold", "10"])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and out.is_file()
    assert scan_for_disclosure(out, 10) == []
    missing = CliRunner().invoke(publish_command, ["--db", str(tmp_path / "nope.duckdb"), "--out", str(out)])
    assert missing.exit_code == 1 and "not found" in missing.output
