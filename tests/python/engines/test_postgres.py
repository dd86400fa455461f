"""csc build --target postgres gives the same fct_kpi_values as DuckDB (issue 15), row by row:
keys exact, numerator and denominator exact, value within 1e-9, on a small synthetic extract.

The test starts its own PostgreSQL cluster (scripts/start_postgres.sh in a temporary folder, on
a port of its own). In CI (CI=true) the script installs Debian's PostgreSQL when missing, and a
failure to install or start it fails the test; elsewhere, without the server binaries, it skips
and says why.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

PROJECT = Path(__file__).resolve().parents[3]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
KEY = "5" * 64
KPI_QUERY = ("select kpi_id, period_month, period_end, breakdown, breakdown_value, numerator, denominator, "
             "value, unit from marts.fct_kpi_values")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def postgres():
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not (PG_BIN / "initdb").is_file() and not in_ci:  # in CI the script installs them
        pytest.skip(f"PostgreSQL's server binaries are not in {PG_BIN} (make postgres installs them)")
    # not under pytest's own folder: as root the cluster belongs to the user postgres, who must
    # be able to reach it (pytest's folders are private to their owner)
    folder = Path(tempfile.mkdtemp(prefix="csc-pg-test-"))
    folder.chmod(0o755)
    shutil.copytree(PROJECT / "scripts", folder / "scripts")
    port = str(_free_port())
    env = {**os.environ, "CSC_PG_PORT": port}
    started = subprocess.run(["sh", "scripts/start_postgres.sh"], cwd=folder, env=env, capture_output=True,
                             text=True)
    assert started.returncode == 0, f"scripts/start_postgres.sh failed: {started.stdout}{started.stderr}"
    user = "postgres" if os.getuid() == 0 else os.environ.get("USER", "")
    run_as = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
    yield {"CSC_PG_HOST": "127.0.0.1", "CSC_PG_PORT": port, "CSC_PG_USER": user,
           "CSC_PG_PASSWORD": "", "CSC_PG_DATABASE": "csc"}
    subprocess.run([*run_as, str(PG_BIN / "pg_ctl"), "-D", str(folder / "build/postgres/data"), "stop",
                    "-m", "fast"], check=False, capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


def _csc(*args: str, env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-m", "csc.cli", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_fct_kpi_values_equal_on_postgres_and_duckdb(postgres: dict[str, str], tmp_path: Path) -> None:
    from csc.engines.postgres import connect

    env = {**os.environ, **postgres, "CSC_PSEUDONYM_KEY": KEY}
    landing = tmp_path / "landing"
    _csc("synth", "--out", str(landing), "--children", "3000", "--years", "2", "--quiet", env=env)
    db = tmp_path / "warehouse.duckdb"
    _csc("build", "--landing", str(landing), "--db", str(db), "--no-checks", "--quiet", env=env)
    _csc("build", "--target", "postgres", "--landing", str(landing), "--db", str(db), "--quiet", env=env)

    with duckdb.connect(str(db), read_only=True) as con:
        on_duckdb = {row[:5]: row[5:] for row in con.execute(KPI_QUERY).fetchall()}
    connection = connect(postgres)  # the connection csc build --target postgres makes
    try:
        with connection.cursor() as cursor:
            cursor.execute(KPI_QUERY)
            on_postgres = {row[:5]: row[5:] for row in cursor.fetchall()}
    finally:
        connection.close()

    assert on_duckdb, "DuckDB built no KPI rows"
    assert set(on_postgres) == set(on_duckdb)
    for key, (numerator, denominator, value, unit) in on_duckdb.items():
        pg_numerator, pg_denominator, pg_value, pg_unit = on_postgres[key]
        assert (pg_numerator, pg_denominator, pg_unit) == (numerator, denominator, unit), key
        if value is None:
            assert pg_value is None, key
        else:
            assert pg_value == pytest.approx(value, abs=1e-9), key
