"""``csc report`` / ``csc publish`` / ``csc export --xlsx`` from another engine: the relations
they read, copied into a temporary DuckDB file, on which today's code then runs unchanged.

The copy holds only what those commands read (aggregate, suppressed or catalogue tables: the
list below, from the names they use), each whole, with the comments dbt persisted on the
engine, in the file's ``main`` schema (where the report and the publisher look, as in a
published database). The file is in a private temporary folder, removed afterwards.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from csc.engines.readers import Source, comment_of, read_relation
from csc.report.disclosure import BENCHMARKED_KPI_MODEL, PUBLISHED_DFE_MODEL, PUBLISHED_DQ_MODEL, PUBLISHED_KPI_MODEL
from csc.report.labels import LABELS_TABLE
from csc.report.periods import MONTH_TO_DATE_MODEL
from csc.report.render import AUDIT_GRADES_MODEL, AVAILABILITY_MODEL
from csc.report.section_dates import HR_RETURN_MODEL
from csc.report.warehouse import quote_identifier

# What csc report and csc publish read: these always (csc publish requires them) ...
REQUIRED_RELATIONS = ("fct_kpi_values", PUBLISHED_KPI_MODEL, BENCHMARKED_KPI_MODEL, "kpi_catalogue",
                      "dim_reporting_periods", "dim_teams")
# ... and these when the build made them.
OPTIONAL_RELATIONS = (PUBLISHED_DQ_MODEL, PUBLISHED_DFE_MODEL, AUDIT_GRADES_MODEL, AVAILABILITY_MODEL,
                      LABELS_TABLE, MONTH_TO_DATE_MODEL, HR_RETURN_MODEL)
SNAPSHOT_NAME = "warehouse.duckdb"


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def copy_relations(source: Source, db_path: Path) -> dict[str, int]:
    """Copy the relations the report and the publisher read from ``source`` into the DuckDB
    file ``db_path`` (schema main); returns the rows copied per relation."""
    copied: dict[str, int] = {}
    with duckdb.connect(str(db_path)) as con:
        for name in (*REQUIRED_RELATIONS, *OPTIONAL_RELATIONS):
            table = read_relation(source, name, required=name in REQUIRED_RELATIONS)
            if table is None:
                continue
            con.register("incoming", table)
            relation = f"main.{quote_identifier(name)}"
            con.execute(f"create table {relation} as select * from incoming")
            con.unregister("incoming")
            if comment_of(table.schema):
                con.execute(f"comment on table {relation} is {_text(comment_of(table.schema))}")
            for field in table.schema:
                if comment_of(field):
                    con.execute(f"comment on column {relation}.{quote_identifier(field.name)} "
                                f"is {_text(comment_of(field))}")
            copied[name] = table.num_rows
        con.execute("checkpoint")
    return copied


@contextmanager
def snapshot(source: Source) -> Iterator[Path]:
    """A DuckDB file to run the report, the publisher or the workbook on: the warehouse itself
    for DuckDB, else a temporary copy of what they read from ``source`` (removed afterwards)."""
    if source.target == "duckdb":
        assert source.db_path is not None
        yield Path(source.db_path)
        return
    folder = Path(tempfile.mkdtemp(prefix="csc-snapshot-"))
    try:
        folder.chmod(0o700)
        path = folder / SNAPSHOT_NAME
        copy_relations(source, path)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
