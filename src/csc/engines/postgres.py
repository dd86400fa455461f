"""``csc build --target postgres``: the warehouse built in a PostgreSQL database.

A build holds the build lock of the database for its whole length (ServerLock: a session-level
advisory lock, refused at once while another build holds it, as a DuckDB build is), then
checks that the extract is the database's authority (``warehouse_meta.identity``, the same
check and message as a DuckDB warehouse's). The landing folder is read and checked exactly as
for DuckDB (csc.engines.landing_check: the project's own hook into a scratch DuckDB file, so
the same checks give the same messages). The checked views (every contract column as text,
plus ``landing_row_number``), the register ``landing_register.landing_files``, the authority
files given (``--benchmarks``, ``--targets``: schema ``authority_files``, text columns as
DuckDB's read_csv gives them) and the identity row are then copied into PostgreSQL (``COPY`` of
CSV text rows), in one transaction: a reader sees the previous extract or the new one, never
half of one. Then ``dbt build --target postgres`` builds every model there. The connection
comes from the CSC_PG_* variables the profile reads; the pseudonym key reaches the server as
the session setting ``csc.pseudonym_key`` in the connection options (PGOPTIONS), never in SQL.

What a DuckDB build does and this does not (yet): the Great Expectations checks; a failed dbt
build on PostgreSQL leaves the models it built (dbt replaces each table whole).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from csc import authority
from csc.authority_files import AUTHORITY_FILE_VARS, text_table
from csc.dbt_runner import DbtResult
from csc.engines.landing_check import LANDING_SCHEMAS, build_checked, quote, relation_columns
from csc.lock import LockNote, busy_error, holder_note, parse_note
from csc.manifest_check import Manifest, check_manifest
from csc.paths import WarehousePaths, find_project_dir

TARGET = "postgres"
# The authority files (csc build --benchmarks, --targets) are loaded into this schema, each into
# the table named after its var; the var then names that table (postgres__authority_file_rows).
AUTHORITY_SCHEMA = "authority_files"
# The build lock: a session-level advisory lock of this key in the database (a 64-bit number
# csc alone uses: the first 8 bytes of sha256("csc build")), and the table holding its note.
LOCK_KEY = int.from_bytes(hashlib.sha256(b"csc build").digest()[:8], "big", signed=True)
LOCK_TABLE = f"{authority.SCHEMA}.build_lock"
# The connection fields psycopg2 takes, as profiles.yml's postgres target names them.
CONNECTION_FIELDS = ("host", "port", "user", "password", "dbname")
# One setting of that target: `  host: "{{ env_var('CSC_PG_HOST', '127.0.0.1') }}"`.
_PROFILE_SETTING = re.compile(r"""^\s+(\w+):\s*"\{\{\s*env_var\('(CSC_PG_\w+)',\s*'([^']*)'\)""")


class PostgresError(RuntimeError):
    """The PostgreSQL build cannot go on; the message says why and what to do (one line)."""


def profile_connection(profiles_text: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """(field, variable, default) of each connection field, read from profiles.yml's postgres
    target, so that the variables and their defaults are written in one place (the profile dbt
    reads) and this module connects to the same server dbt does."""
    if profiles_text is None:
        profiles_text = (find_project_dir() / "profiles.yml").read_text(encoding="utf-8")
    found: dict[str, tuple[str, str, str]] = {}
    for line in profiles_text.splitlines():
        match = _PROFILE_SETTING.match(line)
        if match and match.group(1) in CONNECTION_FIELDS:
            found[match.group(1)] = match.groups()
    missing = [field for field in CONNECTION_FIELDS if field not in found]
    if missing:
        raise PostgresError(
            f"profiles.yml: the postgres target does not set {', '.join(missing)} from a CSC_PG_* "
            "variable (`field: \"{{ env_var('CSC_PG_...', 'default') }}\"`); restore it from the repository"
        )
    return tuple(found[field] for field in CONNECTION_FIELDS)


def connection_settings(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """psycopg2's keyword arguments from the CSC_PG_* variables (the profile's defaults)."""
    env = os.environ if env is None else env
    return {field: env.get(variable) or default for field, variable, default in profile_connection()}


def describe_server(env: Mapping[str, str] | None = None) -> str:
    settings = connection_settings(env)
    return f"{settings['user']}@{settings['host']}:{settings['port']}/{settings['dbname']}"


def connect(env: Mapping[str, str] | None = None) -> Any:
    """A psycopg2 connection to the database the postgres target builds in."""
    import psycopg2

    try:
        return psycopg2.connect(**connection_settings(env), connect_timeout=10)
    except psycopg2.OperationalError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise PostgresError(
            f"cannot connect to PostgreSQL at {describe_server(env)} ({first}); start it (make postgres) "
            f"or set CSC_PG_HOST, CSC_PG_PORT, CSC_PG_USER, CSC_PG_PASSWORD and CSC_PG_DATABASE"
        ) from None


def session_environment(pseudonym_key: str) -> dict[str, str]:
    """Variables for dbt's PostgreSQL sessions: the pseudonym key as a session setting."""
    options = os.environ.get("PGOPTIONS", "")
    return {"PGOPTIONS": f"{options} -c csc.pseudonym_key={pseudonym_key}".strip()}


def _pg_type(duckdb_type: str) -> str:
    kind = duckdb_type.upper()
    if kind == "BOOLEAN":
        return "boolean"
    if kind in ("BIGINT", "INTEGER", "HUGEINT"):
        return "bigint"
    return "text"


def _existing_columns(cursor: Any, schema: str, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = %s and table_name = %s order by ordinal_position", (schema, table))
    return [(name, data_type) for name, data_type in cursor.fetchall()]


def _replace_table(cursor: Any, schema: str, table: str, wanted: Sequence[tuple[str, str]]) -> str:
    """``schema.table`` emptied for new rows: a table whose columns are unchanged is truncated, so
    the views built on it stay; one whose columns changed is dropped with what depends on it and
    made again (dbt then rebuilds the dependants). Returns the quoted relation."""
    relation = f"{quote(schema)}.{quote(table)}"
    if _existing_columns(cursor, schema, table) != list(wanted):
        cursor.execute(f"drop table if exists {relation} cascade")
        cursor.execute(f"create table {relation} ("
                       + ", ".join(f"{quote(name)} {kind}" for name, kind in wanted) + ")")
    else:
        cursor.execute(f"truncate table {relation}")
    return relation


def _load_authority_files(cursor: Any, files: Mapping[str, Path]) -> dict[str, int]:
    """Each authority file given (var -> checked file) into ``authority_files.<var>``, every
    column text as DuckDB's read_csv gives them (csc.authority_files.text_table); the table of a
    file not given this build is dropped. Returns the rows loaded per table."""
    loaded: dict[str, int] = {}
    cursor.execute(f"create schema if not exists {quote(AUTHORITY_SCHEMA)}")
    for var in AUTHORITY_FILE_VARS:
        if var not in files:
            cursor.execute(f"drop table if exists {quote(AUTHORITY_SCHEMA)}.{quote(var)} cascade")
            continue
        names, rows = text_table(files[var])
        relation = _replace_table(cursor, AUTHORITY_SCHEMA, var, [(name, "text") for name in names])
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)  # None is an empty field: null
        text.seek(0)
        column_list = ", ".join(quote(name) for name in names)
        cursor.copy_expert(f"copy {relation} ({column_list}) from stdin with (format csv, force_null ({column_list}))",
                           text)
        loaded[f"{AUTHORITY_SCHEMA}.{var}"] = cursor.rowcount
    return loaded


def load_landing(scratch: Path, pg: Any, echo: Callable[[str], None],
                 authority_files: Mapping[str, Path] | None = None,
                 identity: Sequence[Any] | None = None) -> dict[str, int]:
    """Copy the checked landing views of the scratch DuckDB file, the authority files given
    (var -> file) and the identity row (authority.identity_values) into PostgreSQL, in one
    transaction. Returns the rows loaded per table."""
    loaded: dict[str, int] = {}
    with duckdb.connect(str(scratch), read_only=True) as con, tempfile.TemporaryDirectory(
            prefix="csc-pg-landing-") as folder:
        with pg.cursor() as cursor:
            for schema in LANDING_SCHEMAS:
                cursor.execute(f"create schema if not exists {quote(schema)}")
                for table, columns in relation_columns(con, schema).items():
                    wanted = [(name, _pg_type(data_type)) for name, data_type in columns]
                    relation = _replace_table(cursor, schema, table, wanted)
                    csv_file = Path(folder) / f"{schema}.{table}.csv"
                    # null is an empty field, an empty text "" (DuckDB's CSV and PostgreSQL's agree)
                    con.execute(f"copy (select * from {quote(schema)}.{quote(table)}) to ? "
                                f"(format csv, header false)", [str(csv_file)])
                    column_list = ", ".join(quote(name) for name, _ in wanted)
                    with csv_file.open("r", encoding="utf-8") as rows:
                        cursor.copy_expert(f"copy {relation} ({column_list}) from stdin with (format csv)", rows)
                    loaded[f"{schema}.{table}"] = cursor.rowcount
                    csv_file.unlink()
                    cursor.execute(f"analyze {relation}")
            loaded.update(_load_authority_files(cursor, authority_files or {}))
            if identity is not None:
                write_identity(cursor, identity)
    pg.commit()
    landing_rows = sum(rows for name, rows in loaded.items() if name.startswith("landing."))
    echo(f"Loaded {len([n for n in loaded if n.startswith('landing.')])} landing tables "
         f"({landing_rows:,} rows) into PostgreSQL")
    return loaded


# --- the warehouse identity (csc.authority) and the build lock on the server ---

def _table_exists(cursor: Any, relation: str) -> bool:
    cursor.execute("select to_regclass(%s) is not null", (relation,))
    return bool(cursor.fetchone()[0])


def read_identity(cursor: Any) -> authority.Identity | None:
    """The database's recorded identity (warehouse_meta.identity), None before its first build."""
    if not _table_exists(cursor, f"{authority.SCHEMA}.{authority.TABLE}"):
        return None
    cursor.execute(authority.SELECT)
    return authority.identity_from_row(cursor.fetchone())


def write_identity(cursor: Any, values: Sequence[Any]) -> None:
    """Record the identity row (authority.identity_values), replacing the previous one."""
    relation = f"{authority.SCHEMA}.{authority.TABLE}"
    cursor.execute(f"create schema if not exists {authority.SCHEMA}")
    cursor.execute(f"drop table if exists {relation}")
    cursor.execute(f"create table {relation} ({authority.COLUMNS})")
    cursor.execute(f"insert into {relation} values (%s, %s, cast(%s as timestamp), cast(%s as timestamp), %s, %s)",
                   list(values))
    cursor.execute(f"comment on table {relation} is %s", (authority.COMMENT,))


class ServerLock:
    """``with ServerLock(pg, where, "csc build"):`` — one build of the database at a time, never waits.

    A session-level advisory lock (LOCK_KEY) on the connection ``pg``: the server drops it when
    the session ends, however the build ends. The holder's note (csc.lock.holder_note) is kept
    in LOCK_TABLE, so a refused build names the running one (csc.lock.busy_error: the message a
    DuckDB build gives), and a note found with the lock free is a previous build that did not
    finish (``stale``). Raises WarehouseBusyError at once when another session holds it.
    """

    def __init__(self, pg: Any, where: str, command: str) -> None:
        self.pg, self.where, self.command = pg, where, command
        self.stale: LockNote | None = None
        self._held = False

    def _note(self, cursor: Any) -> LockNote | None:
        if not _table_exists(cursor, LOCK_TABLE):
            return None
        cursor.execute(f"select note from {LOCK_TABLE}")
        row = cursor.fetchone()
        return parse_note(row[0].encode("utf-8")) if row and row[0] else None

    def __enter__(self) -> "ServerLock":
        with self.pg.cursor() as cursor:
            cursor.execute("select pg_try_advisory_lock(%s)", (LOCK_KEY,))
            if not cursor.fetchone()[0]:
                note = None
                for _ in range(20):  # the holder writes its note just after locking
                    self.pg.rollback()  # a new snapshot for each look
                    note = self._note(cursor)
                    if note is not None:
                        break
                    time.sleep(0.05)
                self.pg.rollback()
                raise busy_error(self.where, note)
            self._held = True
            self.stale = self._note(cursor)
            cursor.execute(f"create schema if not exists {authority.SCHEMA}")
            cursor.execute(f"create table if not exists {LOCK_TABLE} (note text)")
            cursor.execute(f"comment on table {LOCK_TABLE} is %s", (
                "Who holds the build lock (a csc build --target postgres running), empty when the last "
                "build finished (written by csc build).",))
            cursor.execute(f"delete from {LOCK_TABLE}")
            cursor.execute(f"insert into {LOCK_TABLE} values (%s)", (holder_note(self.command).decode("utf-8"),))
        self.pg.commit()
        return self

    def __exit__(self, *_exc: object) -> None:
        if not self._held:
            return
        self._held = False
        try:
            self.pg.rollback()  # whatever the build left open
            with self.pg.cursor() as cursor:
                cursor.execute(f"delete from {LOCK_TABLE}")  # an empty note: the build finished
                self.pg.commit()
                cursor.execute("select pg_advisory_unlock(%s)", (LOCK_KEY,))
            self.pg.commit()
        except Exception:  # a lost connection: the server has dropped the lock with the session
            pass


def _authority_files(dbt_args: Sequence[str]) -> tuple[list[str], dict[str, Path]]:
    """dbt's arguments with each authority file's var naming the table it is loaded into
    (``authority_files.<var>``), and the files given (var -> path)."""
    args, files = list(dbt_args), {}
    for index in range(len(args) - 1):
        if args[index] == "--vars":
            given = json.loads(args[index + 1])
            for var in AUTHORITY_FILE_VARS:
                if given.get(var):
                    files[var] = Path(given[var])
                    given[var] = f"{AUTHORITY_SCHEMA}.{var}"
            args[index + 1] = json.dumps(given)
    return args, files


def build_on_postgres(paths: WarehousePaths, dbt_args: Sequence[str],
                      echo: Callable[[str], None] | None = None,
                      notify: Callable[[str], None] | None = None) -> DbtResult:
    """Take the database's build lock, check the extract is its authority, check the landing
    folder, load it (with the authority files and the identity) into PostgreSQL and run ``dbt
    build`` on the postgres target. Returns dbt's result (of the landing check when that
    failed). Raises WarehouseBusyError or AuthorityMismatchError for a refused build."""
    manifest: Manifest | None = check_manifest(paths.landing_dir)
    args, files = _authority_files(dbt_args)
    where = f"PostgreSQL {describe_server()}"
    pg = connect()  # before the landing check: a server that is not there fails at once
    try:
        with ServerLock(pg, where, "csc build --target postgres") as lock:
            if lock.stale is not None and notify is not None:
                notify(f"A previous run did not finish ({lock.stale.describe()}); its lock was cleared")
            with pg.cursor() as cursor:
                previous = read_identity(cursor)
            pg.rollback()
            authority.check_authority(where, previous, manifest, remedy=(
                "build it into another database (CSC_PG_DATABASE); a database holds one authority"))
            identity = authority.identity_values(manifest, previous, uuid.uuid4().hex)
            return build_checked(paths, args, target=TARGET, where=where,
                                 load=lambda scratch, say: load_landing(scratch, pg, say, files, identity),
                                 extra_env=session_environment, echo=echo, notify=notify)
    finally:
        pg.close()


# --- reading a built relation back (csc export / report / publish --target postgres) ---

# PostgreSQL's type names (format_type) -> the Arrow type a reader gives; anything else is text.
_ARROW_TYPES = (
    ("double precision", "float64"), ("real", "float64"), ("numeric", "float64"),
    ("bigint", "int64"), ("integer", "int64"), ("smallint", "int64"),
    ("boolean", "bool_"), ("date", "date32"),
    ("timestamp with time zone", "timestamp_tz"), ("timestamp without time zone", "timestamp"),
)


def _arrow_type(pg_type: str) -> Any:
    import pyarrow as pa

    for prefix, kind in _ARROW_TYPES:
        if pg_type.startswith(prefix):
            if kind == "timestamp_tz":
                return pa.timestamp("us", tz="UTC")
            if kind == "timestamp":
                return pa.timestamp("us")
            return getattr(pa, kind)()
    return pa.string()


def read_relation(name: str, schemas: Sequence[str], env: Mapping[str, str] | None = None) -> Any:
    """Table or view ``name`` of the database the postgres target builds in, as a pyarrow Table
    (its comment and its columns' comments, as dbt persisted them, in the schema metadata
    under ``comment``), from the first of ``schemas`` holding it; None when none does."""
    import pyarrow as pa

    from csc.report.warehouse import choose_schema

    pg = connect(env)
    try:
        with pg.cursor() as cursor:
            cursor.execute(
                "select n.nspname, c.oid, coalesce(obj_description(c.oid, 'pg_class'), '') from pg_class as c "
                "join pg_namespace as n on n.oid = c.relnamespace "
                "where c.relname = %s and c.relkind in ('r', 'v', 'm', 'p', 'f')", (name,))
            found = {schema: (oid, comment) for schema, oid, comment in cursor.fetchall()}
            schema = choose_schema(set(found), schemas)
            if schema is None:
                return None
            oid, comment = found[schema]
            cursor.execute(
                "select attname, format_type(atttypid, atttypmod), coalesce(col_description(attrelid, attnum), '') "
                "from pg_attribute where attrelid = %s and attnum > 0 and not attisdropped order by attnum", (oid,))
            columns = cursor.fetchall()
            cursor.execute(f"select {', '.join(quote(c) for c, _, _ in columns)} "
                           f"from {quote(schema)}.{quote(name)}")
            rows = cursor.fetchall()
    finally:
        pg.close()
    fields = [pa.field(column, _arrow_type(kind), metadata={"comment": text} if text else None)
              for column, kind, text in columns]
    arrays = []
    for index, field in enumerate(fields):
        values = [row[index] for row in rows]
        if pa.types.is_floating(field.type):  # numeric arrives as Decimal
            values = [None if v is None else float(v) for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata={"comment": comment} if comment else None))
