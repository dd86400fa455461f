"""The landing check shared by the engines other than DuckDB (csc.engines.postgres, .spark).

The landing folder is read and checked exactly as for a DuckDB build: dbt runs the project's own
on-run-start hook (register_landing_files) on the duckdb target, into a scratch DuckDB file, so
the same contract checks give the same error messages. Each engine then copies the checked
views of that file (schemas ``landing`` and ``landing_register``) in its own way.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb

from csc.dbt_runner import DbtResult, run_dbt
from csc.keys import resolve_pseudonym_key
from csc.manifest_check import check_manifest
from csc.paths import WarehousePaths

DUCKDB_TARGET = "dev"  # the profile's DuckDB target (csc build --target duckdb)
LANDING_SCHEMAS = ("landing", "landing_register")
# The model whose build runs the on-run-start hook on the scratch DuckDB file: the smallest one
# reading the landing register (any model would do; the hook is what is wanted).
HOOK_MODEL = "base_landing_register__landing_files"


def quote(name: str) -> str:
    """A double-quoted SQL identifier (DuckDB and PostgreSQL)."""
    return '"' + name.replace('"', '""') + '"'


def relation_columns(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[tuple[str, str]]]:
    """Each view of ``schema`` in the scratch DuckDB file: its columns and their types, in order."""
    rows = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = ? order by table_name, ordinal_position", [schema]).fetchall()
    relations: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        relations.setdefault(table, []).append((column, data_type))
    return relations


@contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A private temporary folder, removed afterwards (compiled SQL and logs may name the key)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        folder.chmod(0o700)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_landing(paths: WarehousePaths, folder: Path, key: str,
                  echo: Callable[[str], None] | None) -> tuple[Path, DbtResult]:
    """Read and check the landing folder with the DuckDB hook, into a scratch DuckDB file."""
    scratch = dataclasses.replace(paths, db_path=folder / "landing-check.duckdb",
                                  target_dir=folder / "landing-target")
    result = run_dbt(scratch, ["run", "--target", DUCKDB_TARGET, "--select", HOOK_MODEL], echo=echo,
                     pseudonym_key=key)
    return scratch.db_path, result


def build_checked(paths: WarehousePaths, dbt_args: Sequence[str], *, target: str, where: str,
                  load: Callable[[Path, Callable[[str], None]], object],
                  extra_env: Callable[[str], Mapping[str, str]],
                  echo: Callable[[str], None] | None = None,
                  notify: Callable[[str], None] | None = None) -> DbtResult:
    """Check the landing folder (check_landing), hand the scratch DuckDB file to ``load`` (the
    engine's copy of the checked views), then run ``dbt build --target <target>`` with the
    variables ``extra_env(key)`` adds. Returns dbt's result (of the landing check when that
    failed). ``where`` names the engine in the progress lines."""
    say = notify or (lambda _line: None)
    check_manifest(paths.landing_dir)
    key = resolve_pseudonym_key(paths.db_path)
    with scratch_folder(f"csc-{target}-build-") as folder:
        say(f"Checking the landing folder {paths.landing_dir} (as a DuckDB build does)")
        scratch, checked = check_landing(paths, folder, key, echo)
        if not checked.ok:
            return checked
        load(scratch, say)
        say(f"Building on {where}")
        work = dataclasses.replace(paths, target_dir=folder / "target")
        return run_dbt(work, ["build", "--target", target, *dbt_args], echo=echo, pseudonym_key=key,
                       extra_env=extra_env(key))
