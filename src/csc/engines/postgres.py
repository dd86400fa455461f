"""``csc build --target postgres``: the warehouse built in a PostgreSQL database.

The landing folder is read and checked exactly as for DuckDB (csc.engines.landing_check: the
project's own hook into a scratch DuckDB file, so the same checks give the same messages). The
checked views (every contract column as text, plus ``landing_row_number``) and the register
``landing_register.landing_files`` are then copied into PostgreSQL (``COPY`` of CSV text rows), in one transaction: a reader sees
the previous extract or the new one, never half of one. Then ``dbt build --target postgres``
builds every model there. The connection comes from the CSC_PG_* variables the profile reads;
the pseudonym key reaches the server as the session setting ``csc.pseudonym_key`` in the
connection options (PGOPTIONS), never in SQL.

What a DuckDB build does and this does not (yet): the Great Expectations checks, the
warehouse identity (authority check) and the build lock are DuckDB-file features; a failed
dbt build on PostgreSQL leaves the models it built (dbt replaces each table whole).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from csc.dbt_runner import DbtResult
from csc.engines.landing_check import LANDING_SCHEMAS, build_checked, quote, relation_columns
from csc.paths import WarehousePaths, find_project_dir

TARGET = "postgres"
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


def load_landing(scratch: Path, pg: Any, echo: Callable[[str], None]) -> dict[str, int]:
    """Copy the checked landing views of the scratch DuckDB file into PostgreSQL (one transaction).

    A table whose columns are unchanged is emptied and filled again, so the staging views built
    on it stay; one whose columns changed (a new contract) is dropped with what depends on it
    and made again (dbt then rebuilds the dependants). Returns the rows loaded per table.
    """
    loaded: dict[str, int] = {}
    with duckdb.connect(str(scratch), read_only=True) as con, tempfile.TemporaryDirectory(
            prefix="csc-pg-landing-") as folder:
        with pg.cursor() as cursor:
            for schema in LANDING_SCHEMAS:
                cursor.execute(f"create schema if not exists {quote(schema)}")
                for table, columns in relation_columns(con, schema).items():
                    wanted = [(name, _pg_type(data_type)) for name, data_type in columns]
                    relation = f"{quote(schema)}.{quote(table)}"
                    if _existing_columns(cursor, schema, table) != wanted:
                        cursor.execute(f"drop table if exists {relation} cascade")
                        cursor.execute(f"create table {relation} ("
                                       + ", ".join(f"{quote(name)} {kind}" for name, kind in wanted) + ")")
                    else:
                        cursor.execute(f"truncate table {relation}")
                    csv = Path(folder) / f"{schema}.{table}.csv"
                    # null is an empty field, an empty text "" (DuckDB's CSV and PostgreSQL's agree)
                    con.execute(f"copy (select * from {quote(schema)}.{quote(table)}) to ? "
                                f"(format csv, header false)", [str(csv)])
                    column_list = ", ".join(quote(name) for name, _ in wanted)
                    with csv.open("r", encoding="utf-8") as rows:
                        cursor.copy_expert(f"copy {relation} ({column_list}) from stdin with (format csv)", rows)
                    loaded[f"{schema}.{table}"] = cursor.rowcount
                    csv.unlink()
                    cursor.execute(f"analyze {relation}")
    pg.commit()
    landing_rows = sum(rows for name, rows in loaded.items() if name.startswith("landing."))
    echo(f"Loaded {len([n for n in loaded if n.startswith('landing.')])} landing tables "
         f"({landing_rows:,} rows) into PostgreSQL")
    return loaded


def build_on_postgres(paths: WarehousePaths, dbt_args: Sequence[str],
                      echo: Callable[[str], None] | None = None,
                      notify: Callable[[str], None] | None = None) -> DbtResult:
    """Check the landing folder, load it into PostgreSQL and run ``dbt build`` on the postgres
    target. Returns dbt's result (of the landing check when that failed)."""
    pg = connect()  # before the landing check: a server that is not there fails at once
    try:
        return build_checked(paths, dbt_args, target=TARGET, where=f"PostgreSQL {describe_server()}",
                             load=lambda scratch, say: load_landing(scratch, pg, say),
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
