"""Pieces of the build runtime in-process: manifest checks, the key file, the lock, the identity,
the build summary, and one-line errors for a full disk and a damaged warehouse."""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from csc import build as build_module
from csc.authority import AuthorityMismatchError, Identity, built_by, check_authority, read_identity, write_identity
from csc.build import BuildError, build_summary, build_warehouse
from csc.dbt_runner import dbt_environment
from csc.keys import KEY_ENV, KeyFileError, resolve_pseudonym_key
from csc.lock import WarehouseBusyError, WarehouseLock
from csc.manifest_check import ManifestError, check_manifest, parse_contract_date
from csc.paths import WarehousePaths, key_file, state_dir
from warehouse_helpers import MINIMAL_LANDING

HEADER = "la_code,la_name,extract_date,child_population"


def write_manifest(folder: Path, *rows: str, header: str = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "extract_manifest.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def manifest_error(folder: Path) -> str:
    with pytest.raises(ManifestError) as caught:
        check_manifest(folder)
    return str(caught.value)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- manifest -------------------------------------------------------------------------------

def test_a_good_manifest_is_read(tmp_path):
    write_manifest(tmp_path, "999,Fictional,2021-10-20,112000")
    manifest = check_manifest(tmp_path)
    assert manifest is not None
    assert (manifest.la_code, str(manifest.extract_date), manifest.child_population) == ("999", "2021-10-20", 112000)


def test_the_fixture_manifest_passes():
    manifest = check_manifest(MINIMAL_LANDING)
    assert manifest is not None and manifest.la_code == "E99999999"


def test_bom_upper_case_header_and_uk_date_are_accepted(tmp_path):
    path = tmp_path / "extract_manifest.csv"
    path.write_text("\ufeffLA_CODE,La_Name,EXTRACT_DATE,child_population\n 999 ,X,20/10/2021,1000\n", encoding="utf-8")
    manifest = check_manifest(tmp_path)
    assert manifest is not None and str(manifest.extract_date) == "2021-10-20" and manifest.la_code == "999"


def test_blank_extract_date_names_file_row_column(tmp_path):
    write_manifest(tmp_path, "999,Fictional,,1000")
    message = manifest_error(tmp_path)
    assert "extract_manifest.csv row 1, column extract_date (blank)" in message
    assert "YYYY-MM-DD" in message and "DD/MM/YYYY" in message


def test_two_digit_year_is_an_error(tmp_path):
    write_manifest(tmp_path, "999,Fictional,20/10/21,1000")
    assert "row 1, column extract_date ('20/10/21')" in manifest_error(tmp_path)


def test_two_rows_are_an_error(tmp_path):
    write_manifest(tmp_path, "999,Fictional,2021-10-20,1000", "999,Fictional,2021-11-20,1000")
    assert "extract_manifest.csv has 2 data rows; it must have exactly one" in manifest_error(tmp_path)


def test_no_rows_is_an_error(tmp_path):
    write_manifest(tmp_path)
    assert "has 0 data rows" in manifest_error(tmp_path)


def test_missing_la_code_value_and_column(tmp_path):
    write_manifest(tmp_path / "blank", ",Fictional,2021-10-20,1000")
    assert "row 1, column la_code (blank)" in manifest_error(tmp_path / "blank")
    write_manifest(tmp_path / "column", "Fictional,2021-10-20,1000", header="la_name,extract_date,child_population")
    assert "extract_manifest.csv is missing required column(s) la_code" in manifest_error(tmp_path / "column")


@pytest.mark.parametrize("population", ["0", "-5", "12.7", "1,000", "many", ""])
def test_child_population_must_be_a_positive_whole_number(tmp_path, population):
    write_manifest(tmp_path, f'999,Fictional,2021-10-20,"{population}"')
    assert "column child_population" in manifest_error(tmp_path)


def test_every_problem_is_reported_at_once(tmp_path):
    write_manifest(tmp_path, "99,Fictional,31/02/2021,-1")
    message = manifest_error(tmp_path)
    assert "3 problem(s)" in message
    for column in ("la_code", "extract_date", "child_population"):
        assert f"column {column}" in message


def test_zero_byte_manifest_looks_like_a_failed_export(tmp_path):
    (tmp_path / "extract_manifest.csv").write_bytes(b"")
    assert "looks like a failed export" in manifest_error(tmp_path)


def test_parquet_manifest_is_checked(tmp_path):
    target = tmp_path / "extract_manifest.parquet"
    with duckdb.connect() as con:
        con.execute(f"copy (select '999' as la_code, 'X' as la_name, '20/10/21' as extract_date, "
                    f"1000 as child_population) to '{target}' (format parquet)")
    assert "extract_manifest.parquet row 1, column extract_date ('20/10/21')" in manifest_error(tmp_path)


@pytest.mark.parametrize("value, expected", [
    ("2021-10-20", "2021-10-20"),
    ("2021-10-20T09:30", "2021-10-20"),
    ("2021-10-20 09:30:15.123", "2021-10-20"),
    ("20/10/2021", "2021-10-20"),
    ("1/2/2021", "2021-02-01"),
    ("2021-04-30 25:00", None),
    ("2021-04-30T10:61", None),
    ("31/02/2021", None),
    ("20/10/21", None),
    ("2021/10/20", None),
])
def test_contract_dates(value, expected):
    parsed = parse_contract_date(value)
    assert (str(parsed) if parsed else None) == expected


# --- pseudonym key ------------------------------------------------------------------------

def test_key_file_is_created_private_and_reused(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    db = tmp_path / "wh.duckdb"
    first = resolve_pseudonym_key(db)
    path = key_file(db)
    assert path == tmp_path / "wh.duckdb.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 64 and int(first, 16) >= 0
    assert resolve_pseudonym_key(db) == first
    assert resolve_pseudonym_key(tmp_path / "other.duckdb") != first


def test_environment_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, " " + "ab" * 20 + " ")
    assert resolve_pseudonym_key(tmp_path / "wh.duckdb") == "ab" * 20
    assert not key_file(tmp_path / "wh.duckdb").exists()


def test_unusable_environment_key_is_refused_before_dbt(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "from-the-environment")
    with pytest.raises(KeyFileError, match="CSC_PSEUDONYM_KEY must be an even number of hex digits"):
        resolve_pseudonym_key(tmp_path / "wh.duckdb")
    monkeypatch.setenv(KEY_ENV, "ab" * 8)
    with pytest.raises(KeyFileError, match="CSC_PSEUDONYM_KEY is too short"):
        resolve_pseudonym_key(tmp_path / "wh.duckdb")
    assert not key_file(tmp_path / "wh.duckdb").exists()


def test_loose_or_broken_key_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    db = tmp_path / "wh.duckdb"
    resolve_pseudonym_key(db)
    path = key_file(db)
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match=r"can be read or written by others \(mode 0644\).*chmod 600"):
        resolve_pseudonym_key(db)
    path.chmod(0o600)
    path.write_text("not a key\n", encoding="ascii")
    with pytest.raises(KeyFileError, match="does not hold a key"):
        resolve_pseudonym_key(db)


def test_dbt_gets_the_key_and_not_the_old_salt(tmp_path, monkeypatch):
    monkeypatch.setenv("CSC_PSEUDONYM_SALT", "old")
    paths = WarehousePaths(project_dir=tmp_path, db_path=tmp_path / "wh.duckdb", landing_dir=tmp_path)
    env = dbt_environment(paths, "k" * 64)
    assert env["CSC_PSEUDONYM_KEY"] == "k" * 64
    assert "CSC_PSEUDONYM_SALT" not in env


# --- lock ---------------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from pathlib import Path
from csc.lock import WarehouseLock
with WarehouseLock(Path(sys.argv[1]), "csc build"):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_lock_names_the_holder_and_a_killed_holder_leaves_no_lock(tmp_path):
    db = tmp_path / "wh.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(WarehouseBusyError) as caught:
            with WarehouseLock(db, "csc build"):
                pass
        assert time.monotonic() - started < 5
        message = str(caught.value)
        assert f"another run is using the warehouse {db}" in message
        assert f"csc build, pid {holder.pid} on " in message and ", started 20" in message
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with WarehouseLock(db, "csc build") as lock:
        assert lock.stale is not None and lock.stale.pid == holder.pid
    with WarehouseLock(db, "csc build") as lock:
        assert lock.stale is None  # the last holder finished cleanly
    assert (state_dir(db) / "lock").is_file()


# --- identity -------------------------------------------------------------------------------

def test_identity_is_written_read_and_compared(tmp_path):
    db = tmp_path / "wh.duckdb"
    duckdb.connect(str(db)).close()
    write_manifest(tmp_path / "landing", "999,Fictional,2021-10-20,1000")
    manifest = check_manifest(tmp_path / "landing")
    write_identity(db, manifest, None, "build-1")
    assert built_by(db, "build-1") and not built_by(db, "build-2")
    with duckdb.connect(str(db), read_only=True) as con:
        identity = read_identity(con)
    assert identity is not None and identity.la_code == "999" and identity.build_id == "build-1"
    write_manifest(tmp_path / "other", "888,Other,2021-10-20,1000")
    with pytest.raises(AuthorityMismatchError) as caught:
        check_authority(db, identity, check_manifest(tmp_path / "other"))
    message = str(caught.value)
    assert "is for authority 888 (Other)" in message and "holds authority 999 (Fictional)" in message
    assert "--new-warehouse" in message
    # a later build keeps the first build time
    write_identity(db, manifest, identity, "build-2")
    with duckdb.connect(str(db), read_only=True) as con:
        again = read_identity(con)
    assert again is not None and again.first_built_at == identity.first_built_at


def test_built_by_never_creates_a_database(tmp_path):
    missing = tmp_path / "gone.duckdb"
    assert not built_by(missing, "x")
    assert not missing.exists()
    with pytest.raises(FileNotFoundError):
        write_identity(missing, None, Identity("999", None, "2021-01-01 00:00:00", "x"), "y")
    assert not missing.exists()


# --- summary --------------------------------------------------------------------------------

def test_summary_lists_empty_tables_warnings_and_findings(tmp_path):
    db = tmp_path / "wh.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema data_quality")
        con.execute("create table data_quality.dq_reconciliation as select * from (values "
                    "('ssd_cla_health', 0, true), ('ssd_person', 10, true), ('team_structure', 0, true), "
                    "('ssd_missing', 0, false), ('case_audits', 0, false)) as t(table_name, rows_in_file, is_supplied)")
        con.execute("create table data_quality.dq_rule_summary as select * from (values "
                    "('error', 3), ('error', 0), ('query', 5)) as t(severity, failures)")
    lines = build_summary(db)
    assert "Empty landing tables (no rows): ssd_cla_health, team_structure" in lines
    assert "Optional files not supplied (their KPIs are left out): case_audits, ssd_missing" in lines
    assert ("Data-quality findings: 3 error finding(s) from 1 rule(s), 5 query finding(s) from 1 rule(s) "
            "(data_quality.dq_rule_failures)") in lines
    with duckdb.connect(str(db)) as con:
        con.execute("create view data_quality.dq_build_warnings as select '27 of 34 teams are missing' as warning")
    assert "Build warning: 27 of 34 teams are missing" in build_summary(db)


def test_summary_never_claims_no_findings_when_there_are_some(tmp_path):
    db = tmp_path / "wh.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema data_quality")
        con.execute("create table data_quality.dq_rule_summary as select 'error' as severity, 0 as failures")
    assert build_summary(db) == ["Data-quality findings: none"]


# --- one-line errors before anything is built ------------------------------------------------

def _paths(tmp_path: Path, db: Path) -> WarehousePaths:
    return WarehousePaths(project_dir=tmp_path, db_path=db, landing_dir=MINIMAL_LANDING)


def _no_run_folders(db: Path) -> bool:
    return not any(state_dir(db).glob("run-*"))


def test_full_disk_while_copying_is_one_line_and_leaves_nothing(tmp_path, monkeypatch):
    db = tmp_path / "wh.duckdb"
    duckdb.connect(str(db)).close()
    before = digest(db)

    def full(source, copy, *args, **kwargs):
        Path(copy).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device", str(copy))

    monkeypatch.setattr(build_module.shutil, "copyfile", full)
    monkeypatch.setattr(build_module, "run_dbt", lambda *a, **k: pytest.fail("dbt must not run"))
    with pytest.raises(BuildError) as caught:
        build_warehouse(_paths(tmp_path, db), [])
    message = str(caught.value)
    assert message.startswith(f"the disk holding {tmp_path} is full (while copying the warehouse")
    assert "\n" not in message
    assert digest(db) == before and _no_run_folders(db)


def test_damaged_previous_warehouse_is_named_by_the_users_path(tmp_path, monkeypatch):
    db = tmp_path / "wh.duckdb"
    db.write_bytes(b"this is not a duckdb database" * 1000)
    before = digest(db)
    monkeypatch.setattr(build_module, "run_dbt", lambda *a, **k: pytest.fail("dbt must not run"))
    with pytest.raises(BuildError) as caught:
        build_warehouse(_paths(tmp_path, db), [])
    message = str(caught.value)
    assert message.startswith(f"the previous warehouse {db} cannot be opened; it looks damaged")
    assert ".csc-" not in message and "restore it from a backup" in message
    assert digest(db) == before and _no_run_folders(db)


def test_new_warehouse_never_replaces_an_existing_one(tmp_path, monkeypatch):
    db = tmp_path / "wh.duckdb"
    duckdb.connect(str(db)).close()
    monkeypatch.setattr(build_module, "run_dbt", lambda *a, **k: pytest.fail("dbt must not run"))
    with pytest.raises(BuildError, match=rf"--new-warehouse starts a new warehouse, but {db} already exists"):
        build_warehouse(_paths(tmp_path, db), [], new_warehouse=True)


def test_read_only_folder_is_one_line(tmp_path, monkeypatch):
    db = tmp_path / "wh.duckdb"
    real_access = os.access
    monkeypatch.setattr(build_module.os, "access",
                        lambda path, mode: False if Path(path) == tmp_path else real_access(path, mode))
    with pytest.raises(BuildError, match=rf"cannot write to the warehouse folder {tmp_path} \(read-only"):
        build_warehouse(_paths(tmp_path, db), [])
    assert not state_dir(db).exists()


def _fake_dbt(paths, args, echo=None, pseudonym_key=None):
    """dbt stand-in: writes a small database at the working copy, as dbt build would."""
    from csc.dbt_runner import DbtResult

    with duckdb.connect(str(paths.db_path)) as con:
        con.execute("create table built_here as select 1 as x")
    return DbtResult(exit_code=0)


@pytest.mark.parametrize("meddle", ["remove", "replace"])
def test_promotion_refuses_a_working_copy_it_did_not_write(tmp_path, monkeypatch, meddle):
    db = tmp_path / "wh.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table previous as select 1 as x")
    before = digest(db)
    monkeypatch.setattr(build_module, "run_dbt", _fake_dbt)

    def other_process(work_paths, gx_dir):
        work = work_paths.db_path
        work.unlink()
        if meddle == "replace":
            with duckdb.connect(str(work)) as con:
                con.execute("create table someone_elses as select 1 as x")

    with pytest.raises(BuildError, match="is not the one this build wrote"):
        build_warehouse(_paths(tmp_path, db), [], after_build=other_process)
    assert digest(db) == before and _no_run_folders(db)


def test_promotion_moves_the_copy_this_build_wrote(tmp_path, monkeypatch):
    db = tmp_path / "wh.duckdb"
    monkeypatch.setattr(build_module, "run_dbt", _fake_dbt)
    outcome = build_warehouse(_paths(tmp_path, db), [])
    assert outcome.result.ok
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select x from built_here").fetchall() == [(1,)]
        identity = read_identity(con)
    assert identity is not None and identity.la_code == "E99999999"
    assert _no_run_folders(db)
