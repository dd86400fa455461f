"""`csc build` as separate processes: one build per warehouse at a time, builds of different
warehouses side by side, a killed build, another authority, and one-line errors for a
read-only folder, a full disk, a damaged warehouse and a bad manifest."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from csc.paths import key_file, state_dir
from warehouse_helpers import MINIMAL_LANDING

QUICK = ("--select", "stg_la__extract_manifests")  # a partial build: seconds, not a minute


def csc_env() -> dict[str, str]:
    """The environment of a council's shell: no target folder, key or paths preset."""
    dropped = ("CSC_DBT_TARGET_DIR", "CSC_PSEUDONYM_KEY", "CSC_DUCKDB_PATH", "CSC_LANDING_DIR")
    return {name: value for name, value in os.environ.items() if name not in dropped}


def start_build(db: Path, *args: str, landing: Path = MINIMAL_LANDING, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "csc.cli", "build", "--quiet", "--landing", str(landing), "--db", str(db), *args],
        cwd=cwd, env=csc_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )


def build(db: Path, *args: str, landing: Path = MINIMAL_LANDING, cwd: Path) -> subprocess.CompletedProcess[str]:
    process = start_build(db, *args, landing=landing, cwd=cwd)
    stdout, stderr = process.communicate(timeout=600)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_line_failure(completed: subprocess.CompletedProcess[str], expected: str) -> str:
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, completed.stderr
    assert expected in lines[0], lines[0]
    return lines[0]


def no_working_files(db: Path) -> bool:
    return not any(state_dir(db).glob("run-*"))


def identity(db: Path) -> tuple[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("select la_code, build_id from warehouse_meta.identity").fetchone()
    assert row is not None
    return row[0], row[1]


@pytest.fixture(scope="module")
def quick_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse of the fixture authority (E99999999) from one partial build, with its key file."""
    work = tmp_path_factory.mktemp("quick_warehouse")
    db = work / "wh.duckdb"
    completed = build(db, *QUICK, cwd=work)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return db


def copy_warehouse(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / source.name
    shutil.copyfile(source, db)
    shutil.copy2(key_file(source), key_file(db))
    return db


def landing_with_manifest(tmp_path: Path, *lines: str) -> Path:
    landing = tmp_path / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    (landing / "extract_manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return landing


# --- one build per warehouse ------------------------------------------------------------------

def test_two_builds_of_one_warehouse_one_runs_the_other_is_refused(tmp_path, minimal_build):
    db = tmp_path / "wh.duckdb"
    first, second = start_build(db, cwd=tmp_path), start_build(db, cwd=tmp_path)
    started = time.monotonic()
    processes = {first.pid: first, second.pid: second}
    refused = None
    while refused is None:  # the loser ends at once, while the winner is still building
        for process in processes.values():
            if process.poll() is not None:
                refused = process
        time.sleep(0.1)
        assert time.monotonic() - started < 60, "neither build ended within a minute"
    refused_after = time.monotonic() - started
    winner = first if refused is second else second
    assert winner.poll() is None, "the refused build should not wait for the other"
    refused_out, refused_err = refused.communicate()
    winner_out, winner_err = winner.communicate(timeout=600)

    assert winner.returncode == 0, winner_out + winner_err
    assert "Build OK" in winner_out
    assert refused_after < 20
    message = assert_one_line_failure(
        subprocess.CompletedProcess(refused.args, refused.returncode, refused_out, refused_err),
        f"csc: build refused: another run is using the warehouse {db} (csc build, pid {winner.pid} on ")
    assert ", started 20" in message and "wait for it to finish" in message

    # the warehouse is the complete result of the build that ran
    with duckdb.connect(":memory:") as con:
        con.execute(f"attach '{db}' as built (read_only)")
        con.execute(f"attach '{minimal_build.db_path}' as reference (read_only)")
        kpis = con.execute("select count(*) from built.marts.fct_kpi_values").fetchone()[0]
        assert kpis > 0
        differ = con.execute(
            "select count(*) from (select * from built.marts.fct_kpi_values "
            "except select * from reference.marts.fct_kpi_values)").fetchone()[0]
        assert differ == 0
        relations = con.execute(
            "select count(*) from information_schema.tables where table_catalog = 'built' "
            "and table_schema in ('staging', 'intermediate', 'marts', 'data_quality')").fetchone()[0]
        reference = con.execute(
            "select count(*) from information_schema.tables where table_catalog = 'reference' "
            "and table_schema in ('staging', 'intermediate', 'marts', 'data_quality')").fetchone()[0]
        assert relations == reference
    assert identity(db)[0] == "E99999999"
    assert no_working_files(db)

    # the summary counts the findings the warehouse holds
    with duckdb.connect(str(db), read_only=True) as con:
        errors = con.execute("select sum(failures) from data_quality.dq_rule_summary "
                             "where severity = 'error'").fetchone()[0]
    assert errors > 0
    assert f"Data-quality findings: {errors} error finding(s)" in winner_out
    assert "Empty landing tables (no rows): none" in winner_out


def test_builds_of_two_warehouses_run_side_by_side(tmp_path, project_dir):
    project_target = project_dir / "target"
    before = {path: path.stat().st_mtime for path in project_target.rglob("*")} if project_target.exists() else {}
    one, two = tmp_path / "one" / "wh.duckdb", tmp_path / "two" / "wh.duckdb"
    first, second = start_build(one, *QUICK, cwd=tmp_path), start_build(two, *QUICK, cwd=tmp_path)
    for process in (first, second):
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stdout + stderr
        assert "Build OK" in stdout
    assert identity(one)[1] != identity(two)[1]
    for db in (one, two):
        assert no_working_files(db) and key_file(db).is_file()
    assert digest(key_file(one)) != digest(key_file(two))
    after = {path: path.stat().st_mtime for path in project_target.rglob("*")} if project_target.exists() else {}
    assert after == before, "a build wrote into the project's target folder"


def test_a_killed_build_leaves_the_warehouse_and_the_next_build_goes_on(tmp_path, quick_warehouse):
    db = copy_warehouse(quick_warehouse, tmp_path / "out")
    before = digest(db)
    killed = start_build(db, cwd=tmp_path)  # a whole build, killed while dbt runs
    deadline = time.monotonic() + 120
    while not any(state_dir(db).glob("run-*/target/logs/dbt.log")):
        assert killed.poll() is None, killed.communicate()
        assert time.monotonic() < deadline, "dbt never started"
        time.sleep(0.2)
    time.sleep(3)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()
    assert digest(db) == before
    assert (state_dir(db) / "lock").read_text(encoding="utf-8").strip(), "the killed build's note is gone"

    following = build(db, *QUICK, cwd=tmp_path)
    assert following.returncode == 0, following.stdout + following.stderr
    assert f"A previous run did not finish (csc build, pid {killed.pid} on " in following.stdout
    assert no_working_files(db)
    assert identity(db)[0] == "E99999999"


# --- one authority per warehouse --------------------------------------------------------------

def test_another_authority_is_refused_and_new_warehouse_starts_one(tmp_path, quick_warehouse):
    db = copy_warehouse(quick_warehouse, tmp_path / "out")
    before = digest(db)
    landing = landing_with_manifest(tmp_path, "la_code,la_name,extract_date,child_population",
                                    "888,Other Council,2021-10-20,5000")
    refused = build(db, *QUICK, landing=landing, cwd=tmp_path)
    message = assert_one_line_failure(refused, "csc: build refused: the extract in ")
    assert "is for authority 888 (Other Council)" in message
    assert f"but the warehouse {db} holds authority E99999999 (Fictional County Council)" in message
    assert "--new-warehouse" in message
    assert digest(db) == before and no_working_files(db)

    again = build(db, *QUICK, "--new-warehouse", landing=landing, cwd=tmp_path)
    assert_one_line_failure(again, f"--new-warehouse starts a new warehouse, but {db} already exists")
    assert digest(db) == before

    new_db = tmp_path / "other" / "wh.duckdb"
    started = build(new_db, *QUICK, "--new-warehouse", landing=landing, cwd=tmp_path)
    assert started.returncode == 0, started.stdout + started.stderr
    assert identity(new_db)[0] == "888"


# --- refused before dbt runs: one line, nothing left ------------------------------------------

MANIFEST_CASES = {
    "blank date": (["la_code,la_name,extract_date,child_population", "999,X,,1000"],
                   "extract_manifest.csv row 1, column extract_date (blank): give the extract's as-at date"),
    "two-digit year": (["la_code,la_name,extract_date,child_population", "999,X,20/10/21,1000"],
                       "extract_manifest.csv row 1, column extract_date ('20/10/21')"),
    "two rows": (["la_code,la_name,extract_date,child_population", "999,X,2021-10-20,1000", "999,X,2021-10-21,1000"],
                 "extract_manifest.csv has 2 data rows; it must have exactly one"),
    "missing la_code": (["la_code,la_name,extract_date,child_population", ",X,2021-10-20,1000"],
                        "extract_manifest.csv row 1, column la_code (blank): give the authority's code"),
}


@pytest.mark.parametrize("case", sorted(MANIFEST_CASES))
def test_manifest_errors_stop_the_build_before_dbt(tmp_path, case):
    lines, expected = MANIFEST_CASES[case]
    landing = landing_with_manifest(tmp_path, *lines)
    db = tmp_path / "out" / "wh.duckdb"
    completed = build(db, landing=landing, cwd=tmp_path)
    message = assert_one_line_failure(completed, expected)
    assert message.startswith(f"csc: build refused: the extract manifest {landing / 'extract_manifest.csv'} cannot be used")
    assert not db.exists() and not state_dir(db).exists()


def test_damaged_previous_warehouse_names_the_users_file(tmp_path, quick_warehouse):
    db = copy_warehouse(quick_warehouse, tmp_path / "out")
    with db.open("r+b") as handle:  # wreck the header and the first blocks
        handle.write(b"\x00garbage" * 4096)
    before = digest(db)
    completed = build(db, *QUICK, cwd=tmp_path)
    message = assert_one_line_failure(completed, f"csc: build failed: the previous warehouse {db} cannot be opened")
    assert ".csc-" not in message and "restore it from a backup" in message
    assert digest(db) == before and no_working_files(db)


def _mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if sys.platform != "linux":
        pytest.skip("tmpfs mounts need Linux")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here (needs root): {mounted.stderr.strip()}")


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_read_only_warehouse_folder_is_one_line(tmp_path, quick_warehouse):
    folder = tmp_path / "ro"
    _mount_tmpfs(folder, "64m")
    try:
        db = copy_warehouse(quick_warehouse, folder)
        before = digest(db)
        remount = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.strip()}")
        completed = build(db, *QUICK, cwd=tmp_path)
        assert_one_line_failure(completed, f"csc: build failed: cannot write to the warehouse folder {folder} "
                                           "(read-only or no permission)")
        assert digest(db) == before and not state_dir(db).exists()
    finally:
        _unmount(folder)


def test_full_disk_is_one_line_and_leaves_nothing_partial(tmp_path, quick_warehouse):
    folder = tmp_path / "small"
    size = quick_warehouse.stat().st_size
    _mount_tmpfs(folder, f"{size * 3 // 2 + (1 << 20)}")  # room for the warehouse, not for its copy
    try:
        db = copy_warehouse(quick_warehouse, folder)
        before = digest(db)
        completed = build(db, *QUICK, cwd=tmp_path)
        message = assert_one_line_failure(completed, f"csc: build failed: the disk holding {folder} is full (while ")
        assert "free some space and build again" in message and "no working files were left" in message
        assert digest(db) == before and no_working_files(db)
        assert shutil.disk_usage(folder).used < size + (1 << 20), "a partial copy was left behind"
    finally:
        _unmount(folder)


def test_docs_write_no_project_target_and_create_no_warehouse(tmp_path, project_dir):
    project_target = project_dir / "target"
    before = {path: path.stat().st_mtime for path in project_target.rglob("*")} if project_target.exists() else {}
    db = tmp_path / "none" / "wh.duckdb"
    completed = subprocess.run(
        [sys.executable, "-m", "csc.cli", "docs", "--landing", str(MINIMAL_LANDING), "--db", str(db),
         "--out", str(tmp_path / "docs")],
        cwd=tmp_path, env=csc_env(), capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (tmp_path / "docs" / "index.html").is_file()
    assert not db.exists() and not db.parent.exists()
    after = {path: path.stat().st_mtime for path in project_target.rglob("*")} if project_target.exists() else {}
    assert after == before, "csc docs wrote into the project's target folder"


def test_full_disk_while_dbt_builds_is_one_line(tmp_path):
    folder = tmp_path / "tiny"
    _mount_tmpfs(folder, "3m")  # a first build outgrows it while dbt runs
    try:
        db = folder / "wh.duckdb"
        completed = build(db, cwd=tmp_path)
        assert_one_line_failure(completed, f"csc: build failed: the disk holding {folder} is full "
                                           "(while running dbt build)")
        assert not db.exists() and no_working_files(db)
    finally:
        _unmount(folder)
