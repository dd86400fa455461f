"""Build the warehouse without ever leaving a half-built file where readers look.

One build at a time per warehouse (csc.lock). Each build works in a folder of its own,
``<db folder>/.csc-<db name>/run-<UTC time>-<pid>/``, holding the working copy (a copy of the
current warehouse, so incremental history such as care leavers' earlier extracts carries
over) and dbt's target and log folders. Before anything is copied the manifest is checked
(csc.manifest_check), the previous warehouse must open read-only and belong to the same
authority (csc.authority). Only when dbt build and the checks pass is the identity row with
this build's id written, the copy checked to be the one this build wrote, and moved over the
warehouse with an atomic rename. Whatever happens the run folder is removed, so nothing
partial is left; dbt's logs of a failed build are kept in ``.csc-<db name>/failed-run-logs``.
The file name is kept so DuckDB's catalog name (the file stem) is the same in both places.

A full build (no ``--select``) first drops from the working copy every relation the last full
build recorded as rebuilt (``warehouse_meta.rebuilt_relations``: the models and seeds but the
incremental ones), so the new tables take the old ones' space and a re-run on the same extract
leaves a file of the same size; without it each re-run left the replaced tables' blocks free
inside a larger file. Incremental history, the identity and csc validate's findings are kept.

dbt parses the project again on every build unless it finds its partial-parse file from an
earlier one, and it keeps that file only while the profile it renders is the same, the
warehouse path included. So dbt always sees the working copy through the same path,
``.csc-<db name>/work/<db name>``, where ``work`` is a link to this build's run folder, and the
partial-parse file is kept beside the warehouse (``.csc-<db name>/dbt-partial-parse/``) from
build to build. dbt itself decides whether it still applies (its version, the vars, the
profile, the environment variables the project reads and the checksum of every file) and
parses again whatever changed; a wrong or unreadable file only costs a full parse.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

import duckdb

from csc.authority import (
    AuthorityMismatchError,
    Identity,
    built_by,
    check_authority,
    read_identity,
    write_identity,
)
from csc.dbt_runner import DbtResult, run_dbt
from csc.duckdb_settings import resolve_settings
from csc.fsync import fsync_path
from csc.keys import KeyFileError, resolve_pseudonym_key
from csc.lock import WarehouseBusyError, WarehouseLock
from csc.manifest_check import Manifest, ManifestError, check_manifest
from csc.paths import WarehousePaths, state_dir

FAILED_LOGS = "failed-run-logs"
# The relations a full build writes again (every model and seed but the incremental ones), as
# the last full build recorded them: the next full build drops them from its working copy
# before dbt runs, so the new tables reuse the old ones' space and the file does not grow.
REBUILT_SCHEMA = "warehouse_meta"
REBUILT_TABLE = "rebuilt_relations"
# dbt arguments that limit what is built: such a build keeps every other relation as it is.
SELECTING_ARGS = ("--select", "-s", "--selector", "--exclude", "--resource-type", "--resource-types")
GX_FOLDER = "checks"
# The link dbt sees the working copy through (the same path on every build) and the folder
# keeping dbt's partial-parse file from build to build (see the module docstring).
WORK_LINK = "work"
PARSE_CACHE_FOLDER = "dbt-partial-parse"
PARTIAL_PARSE_FILE = "partial_parse.msgpack"


class BuildError(RuntimeError):
    """A build refused or stopped for a reason the user can act on (one line)."""


# Errors that refuse a build before anything is built, and every error reported as one line.
REFUSALS: tuple[type[Exception], ...] = (
    ManifestError, WarehouseBusyError, KeyFileError, AuthorityMismatchError,
)
USER_ERRORS: tuple[type[Exception], ...] = (*REFUSALS, BuildError)

AfterBuild = Callable[[WarehousePaths, Path], None]
# before_build(work_paths, pseudonym_key): writes into the working copy before dbt runs
# (csc validate loads the engines' findings there); raises to stop the build.
BeforeBuild = Callable[[WarehousePaths, str], None]


@dataclass
class BuildOutcome:
    """What a build did: dbt's result, the summary lines, where a failed build's logs are."""

    result: DbtResult
    summary: list[str] = field(default_factory=list)
    failed_logs: Path | None = None


def _database_files(path: Path) -> tuple[Path, Path]:
    return path, path.with_name(path.name + ".wal")


def _os_error(error: OSError, db_path: Path, step: str) -> BuildError:
    """One line for an operating-system error while building ``db_path``."""
    if error.errno == errno.ENOSPC:
        return BuildError(
            f"the disk holding {db_path.parent} is full (while {step}); free some space and build again "
            f"(a build needs room for a second copy of the warehouse); the previous warehouse, if any, "
            f"is unchanged and no working files were left"
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        where = error.filename or db_path.parent
        return BuildError(
            f"cannot write to {where} (read-only or no permission) while {step}; choose a --db in a "
            f"folder you can write to, or get write access to {db_path.parent} (nothing was built)"
        )
    where = error.filename or db_path
    return BuildError(f"{step} failed on {where}: {error.strerror or error}; the previous warehouse, "
                      f"if any, is unchanged")


def _duckdb_disk_full(error: duckdb.Error) -> bool:
    return "No space left on device" in str(error)


def _ensure_writable_folder(folder: Path, db_path: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _os_error(error, db_path, "creating the warehouse folder") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BuildError(
            f"cannot write to the warehouse folder {folder} (read-only or no permission); choose a --db "
            f"in a folder you can write to, or get write access to it (nothing was built)"
        )


def open_previous(db_path: Path) -> Identity | None:
    """Check the current warehouse opens (read-only, before anything is copied); its identity."""
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            con.execute("select count(*) from information_schema.tables").fetchone()
            return read_identity(con)
    except duckdb.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if "lock" in first.lower():
            raise BuildError(
                f"the warehouse {db_path} is open for writing in another program ({first}); close it "
                f"and build again (nothing was built)"
            ) from None
        raise BuildError(
            f"the previous warehouse {db_path} cannot be opened; it looks damaged ({first}); restore it "
            f"from a backup, or move it aside to start a new warehouse (care-leaver history then "
            f"restarts); nothing was built"
        ) from None


def _copy_previous(db_path: Path, work: Path) -> None:
    for source, copy in zip(_database_files(db_path), _database_files(work)):
        if source.exists():
            shutil.copyfile(source, copy)


def is_full_build(dbt_args: Sequence[str]) -> bool:
    """True when ``dbt build`` with these arguments rebuilds every model and seed."""
    return not any(arg.split("=", 1)[0] in SELECTING_ARGS for arg in dbt_args)


def _rebuilt_relations(manifest_path: Path) -> list[tuple[str, str]]:
    """(schema, name) of each model and seed a full build writes again: not the incremental
    models, whose rows carry history over from build to build, nor ephemeral ones."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    relations = set()
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") not in ("model", "seed"):
            continue
        if node.get("config", {}).get("materialized") in ("incremental", "ephemeral"):
            continue
        relations.add((node["schema"], node.get("alias") or node["name"]))
    return sorted(relations)


def _record_rebuilt_relations(work: Path, manifest_path: Path) -> None:
    """Write the list the next full build drops first (see REBUILT_TABLE). Without dbt's
    manifest there is no list: none is kept, and the next full build drops nothing."""
    if not manifest_path.is_file():
        with duckdb.connect(str(work)) as con:
            con.execute(f"drop table if exists {REBUILT_SCHEMA}.{REBUILT_TABLE}")
            con.execute("checkpoint")
        return
    relations = _rebuilt_relations(manifest_path)
    with duckdb.connect(str(work)) as con:
        con.execute(f"create schema if not exists {REBUILT_SCHEMA}")
        con.execute(f"create or replace table {REBUILT_SCHEMA}.{REBUILT_TABLE} "
                    "(schema_name varchar, relation_name varchar)")
        if relations:
            con.executemany(f"insert into {REBUILT_SCHEMA}.{REBUILT_TABLE} values (?, ?)", relations)
        con.execute(f"comment on table {REBUILT_SCHEMA}.{REBUILT_TABLE} is 'The relations a full csc build "
                    "writes again (models and seeds but the incremental ones); the next full build drops them "
                    "from its working copy first, so the file does not grow (written by csc build).'")
        con.execute("checkpoint")


def _drop_rebuilt_relations(work: Path) -> None:
    """Drop from the working copy what this full build writes again, then checkpoint, so their
    space is free for the new tables (DuckDB reuses free blocks; it never shrinks a file).
    Incremental models, the identity and csc validate's findings are kept."""
    with duckdb.connect(str(work)) as con:
        listed = con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [REBUILT_SCHEMA, REBUILT_TABLE]).fetchone()
        if not listed or not listed[0]:
            return  # built before this was recorded: the first full build records it
        wanted = set(con.execute(f"select schema_name, relation_name from {REBUILT_SCHEMA}.{REBUILT_TABLE}")
                     .fetchall())
        present = con.execute(
            "select table_schema, table_name, table_type from information_schema.tables "
            "where table_catalog = current_database()").fetchall()
        # views first: a view may read a table dropped after it
        for schema, name, kind in sorted(present, key=lambda row: row[2] != "VIEW"):
            if (schema, name) in wanted:
                keyword = "view" if kind == "VIEW" else "table"
                con.execute(f'drop {keyword} if exists "{schema}"."{name}"')
        con.execute("checkpoint")


def _parse_cache(state: Path, project_dir: Path) -> Path:
    """Where the partial-parse file of this project is kept between builds of this warehouse:
    one per project folder, so two checkouts building the same warehouse never share one."""
    project = hashlib.sha256(str(project_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return state / PARSE_CACHE_FOLDER / f"{project}.msgpack"


def _restore_parse_cache(cache: Path, target: Path) -> None:
    """Give dbt the previous build's partial-parse file (it checks the file applies itself)."""
    if cache.is_file() and not (target / PARTIAL_PARSE_FILE).exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache, target / PARTIAL_PARSE_FILE)


def _keep_parse_cache(target: Path, cache: Path) -> None:
    """Keep the partial-parse file dbt wrote for the next build (replaced whole, never half
    written); a failure to keep it only costs the next build a full parse."""
    written = target / PARTIAL_PARSE_FILE
    if not written.is_file():
        return
    try:
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = cache.with_name(cache.name + ".tmp")
        shutil.copyfile(written, partial)
        os.replace(partial, cache)
    except OSError:
        cache.unlink(missing_ok=True)


def _link_work_folder(state: Path, run_dir: Path) -> Path:
    """The stable path of the run folder for dbt (``state/work`` links to it), or the run folder
    itself where links cannot be made (dbt then parses the whole project each time)."""
    link = state / WORK_LINK
    try:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(run_dir.name, target_is_directory=True)
    except OSError:
        return run_dir
    return link


def _unlink_work_folder(state: Path, run_dir: Path) -> None:
    link = state / WORK_LINK
    try:
        if link.is_symlink() and os.readlink(link) == run_dir.name:
            link.unlink()
    except OSError:
        pass


def _fingerprint(path: Path) -> tuple[int, int, int, int] | None:
    """Device, inode, size and change time of ``path``, None when absent: the same file, not merely
    the same name (an inode number is reused at once for a file created after a removal)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _not_ours(work: Path, db_path: Path) -> BuildError:
    return BuildError(
        f"the working copy {work} is not the one this build wrote (removed or replaced by another "
        f"process); the warehouse {db_path} was not replaced; build again"
    )


def _promote(work: Path, db_path: Path) -> None:
    """Move the finished working copy over the warehouse atomically."""
    stale_wal = _database_files(db_path)[1]
    stale_wal.unlink(missing_ok=True)  # belongs to the old file; must not be replayed on the new one
    os.replace(work, db_path)
    fsync_path(db_path.parent, directory=True)


def _keep_failed_logs(target: Path, state: Path, secret: str) -> Path | None:
    """Copy a failed build's dbt logs out of its run folder, with the pseudonym key blotted out."""
    logs = target / "logs"
    if not logs.is_dir():
        return None
    kept = state / FAILED_LOGS
    try:
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(mode=0o700)
        for log in logs.glob("*.log"):
            text = log.read_text(encoding="utf-8", errors="replace")
            (kept / log.name).write_text(text.replace(secret, "<pseudonym key>"), encoding="utf-8")
    except OSError:
        shutil.rmtree(kept, ignore_errors=True)
        return None
    log = kept / "dbt.log"
    return log if log.is_file() else kept


def _relation_exists(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return bool(row and row[0])


def build_summary(db_path: Path) -> list[str]:
    """Lines for the end of a build: empty landing tables, build warnings, findings by severity."""
    lines: list[str] = []
    with duckdb.connect(str(db_path), read_only=True) as con:
        if _relation_exists(con, "data_quality", "dq_reconciliation"):
            empty = [row[0] for row in con.execute(
                "select table_name from data_quality.dq_reconciliation where rows_in_file = 0 and is_supplied "
                "order by table_name").fetchall()]
            lines.append(f"Empty landing tables (no rows): {', '.join(empty) if empty else 'none'}")
            absent = [row[0] for row in con.execute(
                "select table_name from data_quality.dq_reconciliation where not is_supplied "
                "order by table_name").fetchall()]
            if absent:
                lines.append(f"Optional files not supplied (their KPIs are left out): {', '.join(absent)}")
        if _relation_exists(con, "data_quality", "dq_build_warnings"):
            for (warning,) in con.execute("select warning from data_quality.dq_build_warnings").fetchall():
                lines.append(f"Build warning: {warning}")
        if _relation_exists(con, "data_quality", "dq_rule_summary"):
            counts = con.execute(
                "select severity, sum(failures), count(*) filter (where failures > 0) "
                "from data_quality.dq_rule_summary group by severity order by severity").fetchall()
            found = [(severity, int(total or 0), rules) for severity, total, rules in counts if total]
            if found:
                shown = ", ".join(f"{total} {severity} finding(s) from {rules} rule(s)"
                                  for severity, total, rules in found)
                lines.append(f"Data-quality findings: {shown} (data_quality.dq_rule_failures)")
            else:
                lines.append("Data-quality findings: none")
    return lines


def _run_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"


def _clear_leftovers(state: Path, db_path: Path) -> None:
    """Run folders of earlier builds that did not finish (we hold the lock: nobody else builds)."""
    for leftover in state.glob("run-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    link = state / WORK_LINK
    if link.is_symlink():
        link.unlink(missing_ok=True)
    legacy = db_path.parent / ".building" / db_path.name  # before per-build folders
    for path in _database_files(legacy):
        path.unlink(missing_ok=True)


def build_warehouse(paths: WarehousePaths, dbt_args: Sequence[str],
                    echo: Callable[[str], None] | None = None,
                    after_build: AfterBuild | None = None, *,
                    new_warehouse: bool = False,
                    notify: Callable[[str], None] | None = None,
                    before_build: BeforeBuild | None = None) -> BuildOutcome:
    """Run ``before_build``, ``dbt build`` on a working copy, then ``after_build`` (checks), then promote it.

    ``before_build(work_paths, pseudonym_key)`` writes into the working copy before dbt;
    ``after_build(work_paths, gx_dir)`` raises to reject the build. The warehouse at
    ``paths.db_path`` changes only when everything succeeded. Raises one of USER_ERRORS for
    a refused or stopped build.
    """
    db_path = paths.db_path
    manifest = check_manifest(paths.landing_dir)
    _ensure_writable_folder(db_path.parent, db_path)
    try:
        with WarehouseLock(db_path, "csc build") as lock:
            if lock.stale is not None and notify is not None:
                notify(f"A previous run did not finish ({lock.stale.describe()}); its lock and working "
                       f"files were cleared")
            _clear_leftovers(state_dir(db_path), db_path)
            return _build_locked(paths, dbt_args, manifest, echo, after_build, new_warehouse, before_build,
                                 notify=notify)
    except OSError as error:
        raise _os_error(error, db_path, "taking the build lock") from None


def _build_locked(paths: WarehousePaths, dbt_args: Sequence[str], manifest: Manifest | None,
                  echo: Callable[[str], None] | None, after_build: AfterBuild | None,
                  new_warehouse: bool, before_build: BeforeBuild | None = None,
                  notify: Callable[[str], None] | None = None) -> BuildOutcome:
    db_path = paths.db_path
    state = state_dir(db_path)
    previous: Identity | None = None
    if db_path.exists():
        if new_warehouse:
            raise BuildError(
                f"--new-warehouse starts a new warehouse, but {db_path} already exists; move it aside "
                f"or choose another --db (nothing was built)"
            )
        previous = open_previous(db_path)
        check_authority(db_path, previous, manifest)
    key = resolve_pseudonym_key(db_path)

    run_dir = state / f"run-{_run_stamp()}"
    target = paths.target_dir or run_dir / "target"
    parse_cache = _parse_cache(state, paths.project_dir)
    step = "creating the build folder"
    try:
        run_dir.mkdir(mode=0o700, parents=True)  # compiled SQL and logs may name the key
        work = _link_work_folder(state, run_dir) / db_path.name
        work_paths = dataclasses.replace(paths, db_path=work, target_dir=target)
        step = "copying the warehouse to its working copy"
        _copy_previous(db_path, work)
        full_build = is_full_build(dbt_args)
        if full_build and work.is_file():
            step = "clearing the working copy for a full build"
            _drop_rebuilt_relations(work)
        if before_build is not None:
            step = "preparing the working copy"
            before_build(work_paths, key)
        step = "running dbt build"
        _restore_parse_cache(parse_cache, target)
        if notify is not None:
            notify(resolve_settings(work, os.environ).describe())
        result = run_dbt(work_paths, ["build", *dbt_args], echo=echo, pseudonym_key=key)
        _keep_parse_cache(target, parse_cache)
        if result.disk_full:
            raise _os_error(OSError(errno.ENOSPC, "No space left on device"), db_path, step)
        if not result.ok:
            return BuildOutcome(result, failed_logs=_keep_failed_logs(target, state, key))
        built = _fingerprint(work)  # the file dbt wrote (DuckDB writes in place)
        if built is None:
            raise _not_ours(work, db_path)
        step = "running the checks"
        if after_build is not None:
            after_build(work_paths, state / GX_FOLDER)
        step = "recording the warehouse's authority"
        if _fingerprint(work) != built:
            raise _not_ours(work, db_path)
        build_id = uuid.uuid4().hex
        if full_build:
            _record_rebuilt_relations(work, target / "manifest.json")
        write_identity(work, manifest, previous, build_id)
        recorded = _fingerprint(work)
        summary = build_summary(work)
        if recorded is None or _fingerprint(work) != recorded or not built_by(work, build_id):
            raise _not_ours(work, db_path)
        step = "replacing the warehouse"
        _promote(work, db_path)
        return BuildOutcome(result, summary=summary)
    except OSError as error:
        raise _os_error(error, db_path, step) from None
    except duckdb.Error as error:
        if _duckdb_disk_full(error):
            raise _os_error(OSError(errno.ENOSPC, "No space left on device"), db_path, step) from None
        raise BuildError(f"{step} failed: {str(error).splitlines()[0]}; the warehouse {db_path} is "
                         f"unchanged") from None
    finally:
        _unlink_work_folder(state, run_dir)
        shutil.rmtree(run_dir, ignore_errors=True)
