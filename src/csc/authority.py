"""One authority per warehouse: the warehouse remembers whose extracts built it.

After dbt and the checks succeed, the build writes one row into ``warehouse_meta.identity`` on
its working copy: the manifest's ``la_code`` and ``la_name``, when the warehouse was first
built, this build's time, extract date and id. A later build reads it from the current
warehouse (read-only) before dbt runs and refuses a manifest of another authority, because
incremental models (care-leaver history) would merge two authorities' children.

The schema is the build's own: no dbt model reads it, the published database and the report
copy named tables only, and the build id in it is how promotion knows the working copy is the
one this build wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from csc.manifest_check import Manifest

SCHEMA = "warehouse_meta"
TABLE = "identity"
# The table's columns (DuckDB and PostgreSQL both take these types) and its comment.
COLUMNS = ("la_code varchar, la_name varchar, first_built_at timestamp, last_built_at timestamp, "
           "last_extract_date date, build_id varchar")
COMMENT = "The authority this warehouse belongs to and its last build (written by csc build)."
# The identity as read back: the same query on every engine.
SELECT = f"select la_code, la_name, cast(first_built_at as varchar), build_id from {SCHEMA}.{TABLE}"


@dataclass(frozen=True)
class Identity:
    la_code: str
    la_name: str | None
    first_built_at: str
    build_id: str


class AuthorityMismatchError(RuntimeError):
    """The extract belongs to another authority than the warehouse."""


def read_identity(con: duckdb.DuckDBPyConnection) -> Identity | None:
    """The recorded identity, or None for a warehouse built before identities were recorded."""
    found = con.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
        [SCHEMA, TABLE],
    ).fetchone()
    if not found or not found[0]:
        return None
    return identity_from_row(con.execute(SELECT).fetchone())


def identity_from_row(row: tuple | None) -> Identity | None:
    """The Identity of a row of SELECT, None for no row."""
    return Identity(str(row[0]), row[1], str(row[2]), str(row[3])) if row else None


def check_authority(db_path: Path | str, identity: Identity | None, manifest: Manifest | None,
                    remedy: str | None = None) -> None:
    """Refuse a manifest whose la_code is not the warehouse's. ``db_path`` names the warehouse
    (a file, or a server's database); ``remedy`` says where to build instead (default: another
    --db, with --new-warehouse)."""
    if identity is None or manifest is None or identity.la_code == manifest.la_code:
        return
    theirs = f"{manifest.la_code}" + (f" ({manifest.la_name})" if manifest.la_name else "")
    ours = f"{identity.la_code}" + (f" ({identity.la_name})" if identity.la_name else "")
    remedy = remedy or f"build it into another --db, adding --new-warehouse to start a warehouse for {manifest.la_code}"
    raise AuthorityMismatchError(
        f"the extract in {manifest.path.parent} is for authority {theirs}, but the warehouse "
        f"{db_path} holds authority {ours} (first built {identity.first_built_at}); {remedy}"
    )


def identity_values(manifest: Manifest | None, previous: Identity | None, build_id: str) -> list:
    """The identity row a build records, in COLUMNS' order: the manifest's authority (else the
    previous one's), the first build's time kept, this build's time, extract date and id."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    la_code = manifest.la_code if manifest else (previous.la_code if previous else None)
    la_name = manifest.la_name if manifest else (previous.la_name if previous else None)
    first_built = previous.first_built_at if previous else now.isoformat(sep=" ")
    extract_date = manifest.extract_date if manifest else None
    return [la_code, la_name, first_built, now.isoformat(sep=" "), extract_date, build_id]


def write_identity(work_db: Path, manifest: Manifest | None, previous: Identity | None,
                   build_id: str) -> None:
    """Record the authority and this build's id on the working copy, then checkpoint it."""
    if not work_db.is_file():  # never let duckdb.connect create a database here
        raise FileNotFoundError(f"the working copy {work_db} has disappeared")
    with duckdb.connect(str(work_db)) as con:
        con.execute(f"create schema if not exists {SCHEMA}")
        con.execute(f"create or replace table {SCHEMA}.{TABLE} ({COLUMNS})")
        con.execute(
            f"insert into {SCHEMA}.{TABLE} values (?, ?, cast(? as timestamp), cast(? as timestamp), ?, ?)",
            identity_values(manifest, previous, build_id),
        )
        con.execute(f"comment on table {SCHEMA}.{TABLE} is '{COMMENT}'")
        con.execute("checkpoint")


def built_by(work_db: Path, build_id: str) -> bool:
    """True when ``work_db`` exists, has no pending log, and carries ``build_id``."""
    if not work_db.is_file() or work_db.with_name(work_db.name + ".wal").exists():
        return False
    try:
        with duckdb.connect(str(work_db), read_only=True) as con:
            identity = read_identity(con)
    except duckdb.Error:
        return False
    return identity is not None and identity.build_id == build_id
