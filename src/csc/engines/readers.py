"""Reading a built relation back from any engine: ``read_relation(target, relation)``.

One function per engine, each giving a pyarrow Table of the whole relation (the dbt model as
built), with the relation's comment and its columns' comments (dbt's YAML descriptions, as
persist_docs wrote them) in the Arrow schema metadata under ``comment``. ``csc export`` writes
from it, and ``csc report`` / ``csc publish --target NAME`` copy what they read through it
into a temporary DuckDB file (csc.engines.snapshot). A new engine adds its reader to
``READERS``: a function ``(relation, where) -> pyarrow.Table | None`` (None: no such relation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from csc.engines import postgres
from csc.report.warehouse import SEARCH_SCHEMAS, find_table


class ReadError(RuntimeError):
    """A relation cannot be read from the engine; the message says why and what to do (one line)."""


@dataclass(frozen=True)
class Source:
    """Where to read: the engine (a ``csc build --target`` name) and, for DuckDB, the file."""

    target: str
    db_path: Path | None = None

    def describe(self) -> str:
        if self.target == "duckdb":
            return f"DuckDB {self.db_path}"
        if self.target == "postgres":
            return f"PostgreSQL {postgres.describe_server()}"
        return self.target


def _duckdb_comments(con: duckdb.DuckDBPyConnection, qualified: str) -> tuple[str, dict[str, str]]:
    from csc.publish import copy_comments  # the publisher's reading of dbt's DuckDB comments

    return copy_comments(con, qualified)


def read_duckdb(relation: str, source: Source) -> Any:
    """``relation`` of the DuckDB warehouse (or published database) ``source.db_path``, read-only."""
    db_path = source.db_path
    if db_path is None or not Path(db_path).is_file():
        raise ReadError(f"warehouse not found: {db_path}: run csc build --target duckdb first (or give --db)")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.IOException as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReadError(f"cannot open {db_path} read-only (is a build running?): {first}") from None
    with con:
        qualified = find_table(con, relation)
        if qualified is None:
            return None
        table = con.sql(f"select * from {qualified}").to_arrow_table()
        comment, column_comments = _duckdb_comments(con, qualified)
    return with_comments(table, comment, column_comments)


def read_postgres(relation: str, source: Source) -> Any:
    try:
        return postgres.read_relation(relation, SEARCH_SCHEMAS)
    except postgres.PostgresError as exc:
        raise ReadError(str(exc)) from None


READERS: dict[str, Callable[[str, Source], Any]] = {"duckdb": read_duckdb, "postgres": read_postgres}


def with_comments(table: Any, comment: str, column_comments: dict[str, str]) -> Any:
    """``table`` with ``comment`` and the columns' comments in its schema metadata."""
    import pyarrow as pa

    fields = [field.with_metadata({"comment": column_comments[field.name]}) if column_comments.get(field.name)
              else field for field in table.schema]
    schema = pa.schema(fields, metadata={"comment": comment} if comment else None)
    return table.cast(schema)


def read_relation(source: Source, relation: str, required: bool = True) -> Any:
    """``relation`` (a model's name) as built on ``source``'s engine, as a pyarrow Table; None
    when it is missing and not ``required`` (a ReadError when it is)."""
    reader = READERS.get(source.target)
    if reader is None:
        raise ReadError(f"reading from --target {source.target} is not implemented (engines: "
                        f"{', '.join(sorted(READERS))})")
    table = reader(relation, source)
    if table is None and required:
        raise ReadError(f"{source.describe()} has no {relation} (schemas {', '.join(SEARCH_SCHEMAS)}): "
                        f"run csc build --target {source.target} first")
    return table


def comment_of(schema_or_field: Any) -> str:
    """The ``comment`` metadata of an Arrow schema or field ('' when none)."""
    metadata = schema_or_field.metadata or {}
    return metadata.get(b"comment", b"").decode("utf-8")
