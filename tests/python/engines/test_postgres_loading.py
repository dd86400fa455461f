"""What csc build --target postgres loads besides the landing tables (no server needed): the
authority files as DuckDB's read_csv gives them to the models, and the vars that name them."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from csc.authority_files import BENCHMARKS_VAR, TARGETS_VAR, text_table
from csc.engines import postgres
from csc.lock import busy_error, holder_note, parse_note


def _read_csv(path: Path) -> tuple[list[str], list[tuple]]:
    relation = duckdb.sql(f"select * from read_csv('{path}', header = true, all_varchar = true)")
    return list(relation.columns), relation.fetchall()


def test_an_authority_file_loads_as_duckdbs_read_csv_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "targets.csv"
    # a byte-order mark; names with spaces, repeated, blank; empty, quoted-empty, spaced and
    # quoted-comma values; a blank line
    path.write_bytes("\ufeffkpi_id, target ,kpi_id,,note\n"
                     'rereferral_rate,19,,  ,"a, b"\n'
                     "\n"
                     'caseload_average,"",x, 2 ,\n'.encode("utf-8"))
    names, rows = text_table(path)
    expected_names, expected_rows = _read_csv(path)
    assert names == expected_names == ["kpi_id", "target", "kpi_id_1", "column3", "note"]
    assert [tuple(row) for row in rows] == expected_rows
    assert rows[1][1] is None and rows[0][3] == "  "


def test_the_example_files_load_as_read_csv_reads_them() -> None:
    examples = Path(__file__).resolve().parents[3] / "docs" / "examples"
    for name in ("authority-benchmarks.csv", "kpi-targets.csv"):
        names, rows = text_table(examples / name)
        assert (names, [tuple(row) for row in rows]) == _read_csv(examples / name), name
        assert rows, name


def test_the_authority_file_vars_name_the_tables_they_are_loaded_into() -> None:
    given = {"suppression_threshold": 10, BENCHMARKS_VAR: "/data/bench.csv", TARGETS_VAR: None}
    args, files = postgres._authority_files(["--select", "x", "--vars", json.dumps(given)])
    assert files == {BENCHMARKS_VAR: Path("/data/bench.csv")}
    assert args[:3] == ["--select", "x", "--vars"]
    assert json.loads(args[3]) == {"suppression_threshold": 10, BENCHMARKS_VAR: f"authority_files.{BENCHMARKS_VAR}",
                                   TARGETS_VAR: None}
    assert postgres._authority_files(["--full-refresh"]) == (["--full-refresh"], {})


def test_the_server_lock_refuses_with_the_duckdb_builds_message() -> None:
    note = parse_note(holder_note("csc build --target postgres"))
    assert note is not None and note.command == "csc build --target postgres"
    message = str(busy_error("PostgreSQL u@h:1/csc", note))
    assert message.startswith("another run is using the warehouse PostgreSQL u@h:1/csc (csc build --target "
                              "postgres, pid ")
    assert message.endswith("; wait for it to finish and try again")
    assert "another process" in str(busy_error("x", None))
