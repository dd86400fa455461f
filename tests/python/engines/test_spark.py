"""csc build --target spark (issue 15) gives the same fct_kpi_values as DuckDB, row by row: keys
exact, numerator and denominator exact, value within 1e-9, on a small synthetic extract (KPI
figures in every area of the catalogue). The landing folder is checked as for DuckDB, written as
Parquet, registered on Spark by the on-run-start hook, and fct_kpi_values is built there with
everything it reads (`--select +fct_kpi_values`, with their data tests).

The Spark tables are read from their Parquet files, without a second Spark session (its Derby
metastore opens in one process at a time). Spark runs inside dbt (local mode). In CI (CI=true)
scripts/install_spark.sh installs Java and requirements-spark.lock when missing, and a failure
fails the test; elsewhere, without pyspark or java, the test skips and says why (make spark
installs them).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

PROJECT = Path(__file__).resolve().parents[3]
KEY = "5" * 64
# the extract: 600 children give KPI figures in every area (300: none in case_audits, no audits)
CHILDREN, YEARS = "600", "1"
KPI_KEY = "kpi_id, period_month, period_end, breakdown, breakdown_value"
KPI_QUERY = f"select {KPI_KEY}, numerator, denominator, value, unit from {{}}"
REGISTER_QUERY = ("select landing_table, is_optional_file, is_supplied, absent_optional_columns from {} "
                  "order by landing_table")


def _spark_ready() -> bool:
    return importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None


@pytest.fixture(scope="module")
def spark_installed() -> None:
    if os.environ.get("CI", "").lower() == "true" and not _spark_ready():
        done = subprocess.run(["sh", "scripts/install_spark.sh", sys.executable], cwd=PROJECT,
                              capture_output=True, text=True)
        assert done.returncode == 0, f"scripts/install_spark.sh failed: {done.stdout}{done.stderr}"
    if not _spark_ready():
        pytest.skip("pyspark or java is missing (make spark installs them)")


def _csc(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "csc.cli", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def built(spark_installed: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small extract built once on DuckDB (whole) and on Spark (fct_kpi_values and its parents)."""
    folder = tmp_path_factory.mktemp("spark-build")
    env = {**os.environ, "CSC_PSEUDONYM_KEY": KEY, "CSC_SPARK_DIR": str(folder / "spark")}
    landing = folder / "landing"
    _csc("synth", "--out", str(landing), "--children", CHILDREN, "--years", YEARS, "--quiet", env=env)
    db = folder / "warehouse.duckdb"
    _csc("build", "--landing", str(landing), "--db", str(db), "--no-checks", "--quiet", env=env)
    out = _csc("build", "--target", "spark", "--landing", str(landing), "--db", str(db),
               "--select", "+fct_kpi_values", "--quiet", env=env)
    assert "on Spark" in out
    return {"db": db, "warehouse": folder / "spark" / "warehouse"}


def _spark_table(built: dict[str, Path], schema: str, table: str) -> str:
    """A Spark table's Parquet files, as a DuckDB relation."""
    files = built["warehouse"] / f"{schema}.db" / table
    assert files.is_dir(), f"no Spark table folder {files}"
    return f"read_parquet('{files}/*.parquet')"


def _by_key(rows: list[tuple]) -> dict[tuple, tuple]:
    keyed = {row[:5]: row[5:] for row in rows}
    assert len(keyed) == len(rows), "fct_kpi_values has a repeated key"
    return keyed


def test_fct_kpi_values_equal_on_spark_and_duckdb(built: dict[str, Path]) -> None:
    with duckdb.connect(str(built["db"]), read_only=True) as con:
        on_duckdb = _by_key(con.execute(KPI_QUERY.format("marts.fct_kpi_values")).fetchall())
        areas_without_figures = con.execute(
            "select kpi_area from reference.kpi_catalogue except select catalogue.kpi_area "
            "from marts.fct_kpi_values as kpis inner join reference.kpi_catalogue as catalogue "
            "on kpis.kpi_id = catalogue.kpi_id where kpis.numerator > 0").fetchall()
    with duckdb.connect() as con:
        on_spark = _by_key(con.execute(KPI_QUERY.format(_spark_table(built, "marts", "fct_kpi_values"))).fetchall())

    assert not areas_without_figures, f"the extract gives no KPI figure in {areas_without_figures}"
    assert sorted(on_spark) == sorted(on_duckdb)
    # numerator, denominator and unit exact; value within 1e-9 (null where DuckDB's is null)
    assert _exact_parts(on_spark) == _exact_parts(on_duckdb)
    assert _values(on_spark) == pytest.approx(_values(on_duckdb), abs=1e-9)


def _exact_parts(rows: dict[tuple, tuple]) -> dict[tuple, tuple]:
    return {key: (numerator, denominator, unit) for key, (numerator, denominator, _, unit) in rows.items()}


def _values(rows: dict[tuple, tuple]) -> dict[tuple, float | None]:
    return {key: value for key, (_, _, value, _) in rows.items()}


def test_landing_register_equal_on_spark_and_duckdb(built: dict[str, Path]) -> None:
    model = "stg_la__landing_files"
    with duckdb.connect(str(built["db"]), read_only=True) as con:
        on_duckdb = con.execute(REGISTER_QUERY.format(f"staging.{model}")).fetchall()
    with duckdb.connect() as con:
        on_spark = con.execute(REGISTER_QUERY.format(_spark_table(built, "staging", model))).fetchall()

    assert on_duckdb, "DuckDB built no landing register rows"
    assert any(supplied for _, _, supplied, _ in on_duckdb)
    assert on_spark == on_duckdb
