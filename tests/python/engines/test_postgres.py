"""csc build --target postgres gives the same fct_kpi_values as DuckDB (issue 15), row by row:
keys exact, numerator and denominator exact, value within 1e-9, on a small synthetic extract,
and, with the authority's benchmark and targets files, the same fct_kpi_values_benchmarked.
A PostgreSQL build holds the database's build lock (a second build is refused while it runs)
and records the database's authority (another authority's extract is refused).

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
import time
from pathlib import Path

import duckdb
import pytest

PROJECT = Path(__file__).resolve().parents[3]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
KEY = "5" * 64
KPI_QUERY = ("select kpi_id, period_month, period_end, breakdown, breakdown_value, numerator, denominator, "
             "value, unit from marts.fct_kpi_values")
EXAMPLES = PROJECT / "docs" / "examples"
AUTHORITY_FILES = ("--benchmarks", str(EXAMPLES / "authority-benchmarks.csv"),
                   "--targets", str(EXAMPLES / "kpi-targets.csv"))
BENCHMARKED = "fct_kpi_values_benchmarked"


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


def _run_csc(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "csc.cli", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True)


def _csc(*args: str, env: dict[str, str]) -> None:
    done = _run_csc(*args, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def _lock_note(postgres: dict[str, str]) -> str | None:
    """The note of the PostgreSQL build lock's holder, None while nobody holds it."""
    from csc.engines.postgres import LOCK_TABLE, connect

    connection = connect(postgres)
    try:
        with connection.cursor() as cursor:
            cursor.execute("select to_regclass(%s) is not null", (LOCK_TABLE,))
            if not cursor.fetchone()[0]:
                return None
            cursor.execute(f"select note from {LOCK_TABLE}")
            row = cursor.fetchone()
            return row[0] if row else None
    finally:
        connection.close()


@pytest.fixture(scope="module")
def built(postgres: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The small extract built once on DuckDB and on PostgreSQL, with the authority files, for
    every test of this module; while the PostgreSQL build runs, a second one is started (the
    build lock must refuse it)."""
    folder = tmp_path_factory.mktemp("built")
    env = {**os.environ, **postgres, "CSC_PSEUDONYM_KEY": KEY}
    landing = folder / "landing"
    _csc("synth", "--out", str(landing), "--children", "3000", "--years", "2", "--quiet", env=env)
    db = folder / "warehouse.duckdb"
    _csc("build", "--landing", str(landing), "--db", str(db), "--no-checks", "--quiet", *AUTHORITY_FILES, env=env)
    first = subprocess.Popen([sys.executable, "-m", "csc.cli", "build", "--target", "postgres", "--landing",
                              str(landing), "--db", str(db), "--quiet", *AUTHORITY_FILES], cwd=PROJECT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _lock_note(postgres) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        holder = _lock_note(postgres)
        second = _run_csc("build", "--target", "postgres", "--landing", str(landing), "--quiet", env=env)
        out, err = first.communicate(timeout=1800)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, out[-3000:] + err[-3000:]
    return {"env": env, "db": db, "landing": landing, "first_pid": first.pid, "holder": holder, "second": second}


def test_fct_kpi_values_equal_on_postgres_and_duckdb(postgres: dict[str, str], built: dict) -> None:
    from csc.engines.postgres import connect

    db = built["db"]

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


def _rows(query: str, db: Path, postgres: dict[str, str]) -> tuple[list[tuple], list[tuple]]:
    """The rows of ``query`` on the DuckDB warehouse and on the PostgreSQL build."""
    from csc.engines.postgres import connect

    with duckdb.connect(str(db), read_only=True) as con:
        on_duckdb = con.execute(query).fetchall()
    connection = connect(postgres)
    try:
        with connection.cursor() as cursor:
            cursor.execute(query)
            on_postgres = cursor.fetchall()
    finally:
        connection.close()
    return on_duckdb, on_postgres


def test_fct_kpi_values_benchmarked_equal_with_the_authority_files(postgres: dict[str, str], built: dict) -> None:
    """The benchmark and targets files reach the KPIs on PostgreSQL as on DuckDB: every column
    of every row equal (numbers within 1e-9), and the files' figures are there."""
    with duckdb.connect(str(built["db"]), read_only=True) as con:
        columns = [row[0] for row in con.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ? "
            "order by ordinal_position", [BENCHMARKED]).fetchall()]
    keys = "kpi_id, period_month, period_end, breakdown, breakdown_value"
    query = f"select {', '.join(columns)} from marts.{BENCHMARKED} order by {keys}"
    on_duckdb, on_postgres = _rows(query, built["db"], postgres)
    assert len(on_postgres) == len(on_duckdb) > 0
    for mine, other in zip(on_duckdb, on_postgres):
        for column, a, b in zip(columns, mine, other):
            if isinstance(a, float) and b is not None:
                assert float(b) == pytest.approx(a, abs=1e-9), (column, mine[:5])
            else:
                assert a == b, (column, mine[:5], a, b)
    good_la, target = columns.index("benchmark_good_la"), columns.index("target")
    assert any(row[good_la] is not None for row in on_postgres), "no benchmark from the file"
    assert any(row[target] is not None for row in on_postgres), "no target from the file"


def test_a_second_build_is_refused_while_one_runs(built: dict) -> None:
    """Two csc build --target postgres at once: the second is refused, naming the first, as on DuckDB."""
    assert built["holder"] and f'"pid": {built["first_pid"]}' in built["holder"]
    second = built["second"]
    assert second.returncode == 1, second.stdout + second.stderr
    assert "build refused: another run is using the warehouse PostgreSQL " in second.stderr
    assert f"(csc build --target postgres, pid {built['first_pid']} on " in second.stderr
    assert "wait for it to finish and try again" in second.stderr
    assert not _lock_note(built["env"]), "the finished build left its lock note"


def test_another_authoritys_extract_is_refused_and_a_killed_builds_lock_is_cleared(
        postgres: dict[str, str], built: dict, tmp_path: Path) -> None:
    """The database records its authority; a build of another authority's extract stops before
    anything is loaded, with DuckDB's message. A build killed while it held the lock leaves it
    free (the server drops it with the session), and the next build says so."""
    from csc.engines.postgres import connect, read_identity

    other = tmp_path / "other"
    shutil.copytree(built["landing"], other)
    manifest = other / "extract_manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    ours = lines[1].split(",")[0].strip('"')
    assert ours != "888"
    manifest.write_text(lines[0] + "\n" + '"888","Other Council",' + lines[1].split(",", 2)[2] + "\n",
                        encoding="utf-8")
    connection = connect(postgres)
    try:
        with connection.cursor() as cursor:
            before = read_identity(cursor)
    finally:
        connection.close()
    assert before is not None and before.la_code == ours

    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from csc.engines.postgres import ServerLock, connect\n"
        "lock = ServerLock(connect(), 'test', 'csc build --target postgres')\n"
        "lock.__enter__()\n"
        "print('locked', flush=True)\n"
        "time.sleep(600)\n")], cwd=PROJECT, env=built["env"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
    finally:
        holder.kill()  # as kill -9: no clean exit
        holder.wait()
    refused = _run_csc("build", "--target", "postgres", "--landing", str(other), "--quiet", env=built["env"])
    on_duckdb = _run_csc("build", "--landing", str(other), "--db", str(built["db"]), "--quiet", env=built["env"])
    assert refused.returncode == 1 and on_duckdb.returncode == 1, refused.stderr + on_duckdb.stderr
    assert f"A previous run did not finish (csc build --target postgres, pid {holder.pid} on " in refused.stdout
    expected = f"build refused: the extract in {other} is for authority 888 (Other Council), but the warehouse "
    for done in (refused, on_duckdb):
        assert expected in done.stderr and f"holds authority {ours} (" in done.stderr, done.stderr
    assert "PostgreSQL " in refused.stderr and "build it into another database (CSC_PG_DATABASE)" in refused.stderr
    connection = connect(postgres)
    try:
        with connection.cursor() as cursor:
            assert read_identity(cursor) == before  # nothing loaded, nothing recorded
    finally:
        connection.close()
    assert not _lock_note(postgres)


def _assert_kpi_rows_equal(ours: list[tuple], theirs: list[tuple]) -> None:
    """Rows of fct_kpi_values' contract columns, in order: keys and text exact, numbers within 1e-9."""
    assert ours, "no KPI rows"
    assert len(theirs) == len(ours)
    for mine, other in zip(ours, theirs):
        assert (mine[:5], mine[8]) == (other[:5], other[8])
        for a, b in zip(mine[5:8], other[5:8]):
            assert (a is None and b is None) or (a not in (None, "") and float(b) == pytest.approx(float(a), abs=1e-9)) \
                or (a == "" and b == ""), (mine, other)


def test_export_gives_the_same_rows_from_duckdb_and_postgres(built: dict, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    env, db = built["env"], built["db"]
    for target in ("duckdb", "postgres"):
        for fmt in ("csv", "parquet"):
            out = tmp_path / f"{target}.{fmt}"
            done = subprocess.run([sys.executable, "-m", "csc.cli", "export", "--target", target, "--format", fmt,
                                   "--out", str(out), "--db", str(db)], cwd=PROJECT, env=env,
                                  capture_output=True, text=True)
            assert done.returncode == 0, done.stdout + done.stderr
            assert "RESTRICTED" in done.stdout
    tables = {t: pq.read_table(tmp_path / f"{t}.parquet") for t in ("duckdb", "postgres")}
    for table in tables.values():
        assert table.schema.metadata[b"csc.classification"] == b"RESTRICTED"
    parquet_rows = {t: [tuple(r.values()) for r in table.to_pylist()] for t, table in tables.items()}
    with duckdb.connect(str(db), read_only=True) as con:
        warehouse_rows = con.execute(KPI_QUERY + " order by kpi_id, period_month, period_end, breakdown, "
                                     "breakdown_value").fetchall()
    assert len(parquet_rows["duckdb"]) == len(warehouse_rows)
    _assert_kpi_rows_equal(parquet_rows["duckdb"], parquet_rows["postgres"])
    csv_rows = {}
    for target in ("duckdb", "postgres"):
        assert (tmp_path / f"{target}.csv.RESTRICTED.txt").read_text(encoding="utf-8").startswith("RESTRICTED")
        with (tmp_path / f"{target}.csv").open(newline="", encoding="utf-8") as handle:
            csv_rows[target] = [tuple(row) for row in list(csv.reader(handle))[1:]]
    _assert_kpi_rows_equal(csv_rows["duckdb"], csv_rows["postgres"])
    # the CSV reads back as the Parquet file: dates ISO, numbers the same doubles
    as_text = [(*(str(v) for v in row[:5]), *("" if v is None else v for v in row[5:8]), row[8])
               for row in parquet_rows["postgres"]]
    _assert_kpi_rows_equal(as_text, csv_rows["postgres"])


def test_report_and_publish_from_postgres_give_duckdbs_figures(built: dict, tmp_path: Path) -> None:
    from csc.engines.readers import Source
    from csc.engines.snapshot import snapshot
    from csc.report.render import build_context

    env, db = built["env"], built["db"]
    published = {}
    for target in ("duckdb", "postgres"):
        published[target] = tmp_path / f"published-{target}.duckdb"
        _csc("publish", "--target", target, "--db", str(db), "--out", str(published[target]), env=env)
    query = "select * from main.{} order by all"
    with duckdb.connect(str(published["duckdb"]), read_only=True) as ours, \
            duckdb.connect(str(published["postgres"]), read_only=True) as theirs:
        for table in ("fct_kpi_values", "fct_kpi_values_benchmarked", "kpi_catalogue", "dim_reporting_periods"):
            mine, other = ours.execute(query.format(table)).fetchall(), theirs.execute(query.format(table)).fetchall()
            assert mine and mine == other, table

    old_env = dict(os.environ)
    os.environ.update({k: v for k, v in env.items() if k.startswith("CSC_PG_")})
    try:
        contexts = {}
        for source in (Source("duckdb", db), Source("postgres")):
            with snapshot(source) as path, duckdb.connect(str(path), read_only=True) as con:
                context = build_context(con, None, None, None)
            contexts[source.target] = {k: v for k, v in context.items() if "generated" not in k}
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    assert contexts["duckdb"] == contexts["postgres"]
