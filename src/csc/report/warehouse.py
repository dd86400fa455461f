"""Finding and reading the warehouse tables the report and the publisher use.

The same code reads the dbt warehouse (tables in schemas ``marts`` and ``reference``) and
the published database (tables in ``main``), so tables are looked up by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

SEARCH_SCHEMAS: tuple[str, ...] = ("marts", "reference", "main")


class MissingTableError(LookupError):
    """A required table is not in the database."""


def open_read_only(db_path: Path, error: type[Exception]) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a warehouse or published database; ``error`` (the caller's
    own exception type) says why when the file is missing or cannot be opened."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise error(f"database not found: {db_path}")
    try:
        return duckdb.connect(str(db_path), read_only=True)
    except duckdb.IOException as exc:
        raise error(f"cannot open {db_path} read-only (is a build running?): {exc}") from exc


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def find_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    schemas: Sequence[str] = SEARCH_SCHEMAS,
    catalog: str | None = None,
) -> str | None:
    """Qualified name of table/view ``name`` in the first of ``schemas`` holding it, else None."""
    if catalog is None:
        catalog = con.execute("select current_database()").fetchall()[0][0]
    rows = con.execute(
        """
        select table_schema
        from information_schema.tables
        where table_catalog = ? and table_name = ?
        """,
        [catalog, name],
    ).fetchall()
    schema = choose_schema({row[0] for row in rows}, schemas)
    if schema is None:
        return None
    return ".".join(quote_identifier(part) for part in (catalog, schema, name))


def choose_schema(found: set[str], schemas: Sequence[str] = SEARCH_SCHEMAS) -> str | None:
    """Of the schemas ``found`` holding a relation, the one to read (any engine): the first of
    ``schemas``, else the only one, else None."""
    for schema in schemas:
        if schema in found:
            return schema
    if len(found) == 1:  # e.g. dbt's default schema names (main_marts) when not overridden
        return next(iter(found))
    return None


def require_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    schemas: Sequence[str] = SEARCH_SCHEMAS,
    catalog: str | None = None,
) -> str:
    table = find_table(con, name, schemas, catalog)
    if table is None:
        raise MissingTableError(
            f"table {name!r} not found in schemas {', '.join(schemas)} of the database"
        )
    return table


def table_columns(con: duckdb.DuckDBPyConnection, qualified: str) -> list[str]:
    return [row[0] for row in con.execute(f"describe {qualified}").fetchall()]


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params) if params is not None else [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
