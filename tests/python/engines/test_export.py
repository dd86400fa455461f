"""csc export --format csv|parquet without a server (issue 15): the restricted marking, the row
order, the round trip, the atomic write and the one-line errors, on a small DuckDB file holding
fct_kpi_values. The comparison with PostgreSQL is in test_postgres.py (it needs a cluster)."""

from __future__ import annotations

import csv
import socket
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from csc import export
from csc.cli import main

ROWS = [  # deliberately out of order; one null value, one fraction, one small count
    ("b_kpi", "2024-02-01", "2024-02-29", "all", "all", 3.0, None, 3.0, "count"),
    ("a_kpi", "2024-02-01", "2024-02-29", "team", "T2", 1.0, 3.0, 100.0 / 3.0, "percent"),
    ("a_kpi", "2024-01-01", "2024-01-31", "all", "all", 0.0, 0.0, None, "percent"),
]


@pytest.fixture()
def warehouse(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.fct_kpi_values (kpi_id varchar, period_month date, period_end date, "
                    "breakdown varchar, breakdown_value varchar, numerator double, denominator double, "
                    "value double, unit varchar)")
        con.executemany("insert into marts.fct_kpi_values values (?, ?, ?, ?, ?, ?, ?, ?, ?)", ROWS)
        con.execute("comment on table marts.fct_kpi_values is 'The KPI table.'")
    return db


def _export(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, ["export", *args], env=env)


def test_csv_is_sorted_marked_and_round_trips(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "kpis.csv"
    result = _export("--format", "csv", "--out", str(out), "--db", str(warehouse))
    assert result.exit_code == 0, result.output
    assert "RESTRICTED" in result.output and "unsuppressed" in result.output
    notice = tmp_path / "kpis.csv.RESTRICTED.txt"
    assert notice.read_text(encoding="utf-8").startswith("RESTRICTED:")
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [name for name, _ in export.kpi_values_contract(export.resolve_paths().project_dir)]
    assert [row[:2] for row in rows[1:]] == [["a_kpi", "2024-01-01"], ["a_kpi", "2024-02-01"], ["b_kpi", "2024-02-01"]]
    assert rows[1][5:8] == ["0", "0", ""]  # whole numbers without .0, null empty
    assert float(rows[2][7]) == 100.0 / 3.0  # the double exactly
    assert rows[3][6] == ""


def test_parquet_has_the_restriction_in_its_metadata_and_round_trips(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "kpis.parquet"
    result = _export("--format", "parquet", "--out", str(out), "--db", str(warehouse))
    assert result.exit_code == 0, result.output
    assert "RESTRICTED" in result.output
    table = pq.read_table(out)
    metadata = table.schema.metadata
    assert metadata[b"csc.classification"] == b"RESTRICTED"
    assert b"unsuppressed" in metadata[b"csc.notice"]
    assert metadata[b"comment"] == b"The KPI table."
    with duckdb.connect(str(warehouse), read_only=True) as con:
        expected = con.execute("select * from marts.fct_kpi_values order by kpi_id, period_month").fetchall()
    assert [tuple(row.values()) for row in table.to_pylist()] == expected


def test_a_failed_export_leaves_no_file_and_keeps_the_previous(warehouse: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "kpis.parquet"
    assert _export("--format", "parquet", "--out", str(out), "--db", str(warehouse)).exit_code == 0
    before = out.read_bytes()
    fresh = tmp_path / "fresh.parquet"

    def half_then_fail(table, path, metadata_collector=None, **kwargs):
        Path(path).write_bytes(b"PAR1 half a file")
        raise KeyboardInterrupt  # as a killed run

    monkeypatch.setattr("pyarrow.parquet.write_table", half_then_fail)
    for target in (out, fresh):
        with pytest.raises(KeyboardInterrupt):
            export.export_kpi_values(export.Source("duckdb", warehouse), target, "parquet",
                                     export.resolve_paths().project_dir)
    assert out.read_bytes() == before
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kpis.parquet", "warehouse.duckdb"]


def test_unreachable_server_is_one_line_naming_it(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = str(sock.getsockname()[1])  # closed again: nothing listens there
    result = _export("--target", "postgres", "--format", "csv", "--out", str(tmp_path / "k.csv"),
                     env={"CSC_PG_HOST": "127.0.0.1", "CSC_PG_PORT": port})
    assert result.exit_code == 1
    message = result.output.strip()
    assert len(message.splitlines()) == 1, message
    assert f"127.0.0.1:{port}" in message and "CSC_PG_HOST" in message and "CSC_PG_PORT" in message
    assert not (tmp_path / "k.csv").exists()


def test_missing_relation_and_missing_folder(warehouse: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute("drop table marts.fct_kpi_values")
    result = _export("--format", "csv", "--out", str(tmp_path / "k.csv"), "--db", str(warehouse))
    assert result.exit_code == 1
    assert "has no fct_kpi_values" in result.output and "csc build --target duckdb" in result.output
    result = _export("--format", "csv", "--out", str(tmp_path / "nowhere" / "k.csv"), "--db", str(warehouse))
    assert result.exit_code == 1 and "does not exist" in result.output


def test_xlsx_only_options_are_refused_for_csv(warehouse: Path, tmp_path: Path) -> None:
    result = _export("--format", "csv", "--out", str(tmp_path / "k.csv"), "--db", str(warehouse),
                     "--month", "2024-01")
    assert result.exit_code == 2 and "xlsx only" in result.output
