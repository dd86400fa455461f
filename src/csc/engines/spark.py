"""``csc build --target spark``: the warehouse built on Apache Spark (dbt-spark, session method).

The landing folder is read and checked exactly as for DuckDB (csc.engines.landing_check). The
checked views (every contract column as text, plus ``landing_row_number``) and the register
``landing_register.landing_files`` are then written as Parquet under ``<spark dir>/landing``,
and the project's on-run-start hook (spark__register_landing_files) registers each folder as a
table of schema ``landing`` / ``landing_register`` on Spark. Then ``dbt build --target spark``
builds every model there, Spark running inside the dbt process (local mode by default).

The Spark folder (CSC_SPARK_DIR, default ``spark`` beside the warehouse file) holds Spark's
warehouse, its Derby metastore (which one process at a time may open: never two builds on one
folder) and the landing Parquet files. The pseudonym key reaches Spark as the setting
``spark.csc.pseudonym_key`` (profiles.yml, from CSC_PSEUDONYM_KEY), read in SQL by variable
substitution, never written into the SQL (macros/staging/pseudonymise.sql).

What a DuckDB build does and this does not (yet): the Great Expectations checks, the warehouse
identity and the build lock; a failed build leaves the models it built (Parquet tables are
dropped and created again, with no transaction).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import duckdb

from csc.dbt_runner import DbtResult
from csc.engines.landing_check import LANDING_SCHEMAS, build_checked, quote, relation_columns
from csc.paths import WarehousePaths

TARGET = "spark"


class SparkError(RuntimeError):
    """The Spark build cannot go on; the message says why and what to do (one line)."""


def spark_dir(paths: WarehousePaths, env: Mapping[str, str] | None = None) -> Path:
    """The folder of Spark's warehouse, metastore and landing files (absolute)."""
    env = os.environ if env is None else env
    chosen = env.get("CSC_SPARK_DIR")
    return Path(chosen).resolve() if chosen else paths.db_path.resolve().parent / "spark"


def check_installed() -> None:
    """Refuse at once, naming the fix, when pyspark, dbt-spark or java is missing."""
    try:
        import dbt.adapters.spark  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkError("dbt-spark and pyspark are not installed; run `make spark` "
                         "(requirements-spark.lock)") from None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise SparkError("no Java runtime (java not on the PATH, JAVA_HOME unset); run `make spark` "
                         "(Debian's openjdk-17-jre-headless)")


def write_landing(scratch: Path, folder: Path, echo: Callable[[str], None]) -> dict[str, int]:
    """Write each checked view of the scratch DuckDB file as Parquet, one folder per table
    (``<folder>/<schema>/<table>/part-0.parquet``), replacing what an earlier build left.
    Returns the rows written per table."""
    written: dict[str, int] = {}
    with duckdb.connect(str(scratch), read_only=True) as con:
        for schema in LANDING_SCHEMAS:
            for table in relation_columns(con, schema):
                target = folder / schema / table
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir(parents=True)
                relation = f"{quote(schema)}.{quote(table)}"
                con.execute(f"copy (select * from {relation}) to ? (format parquet)",
                            [str(target / "part-0.parquet")])
                written[f"{schema}.{table}"] = con.execute(f"select count(*) from {relation}").fetchone()[0]
    landing = {name: rows for name, rows in written.items() if name.startswith("landing.")}
    echo(f"Wrote {len(landing)} landing tables ({sum(landing.values()):,} rows) as Parquet in {folder}")
    return written


def session_environment(folder: Path) -> dict[str, str]:
    """Variables for dbt's Spark session: its folder, and a loopback address for local mode."""
    return {"CSC_SPARK_DIR": str(folder), "SPARK_LOCAL_IP": os.environ.get("SPARK_LOCAL_IP", "127.0.0.1")}


def build_on_spark(paths: WarehousePaths, dbt_args: Sequence[str],
                   echo: Callable[[str], None] | None = None,
                   notify: Callable[[str], None] | None = None) -> DbtResult:
    """Check the landing folder, write it as Parquet for Spark and run ``dbt build`` on the
    spark target. Returns dbt's result (of the landing check when that failed)."""
    check_installed()
    folder = spark_dir(paths)
    folder.mkdir(parents=True, exist_ok=True)
    return build_checked(paths, dbt_args, target=TARGET, where=f"Spark ({folder})",
                         load=lambda scratch, say: write_landing(scratch, folder / "landing", say),
                         extra_env=lambda _key: session_environment(folder), echo=echo, notify=notify)
