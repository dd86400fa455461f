"""Command-line options shared by `csc report` and `csc publish`, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def db_option(help_text: str) -> Callable[[F], F]:
    """``--db``: the DuckDB file to read, passed as ``db_path``."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help=help_text,
    )


threshold_option: Callable[[F], F] = click.option(
    "--threshold",
    type=click.IntRange(min=0),
    default=None,
    help=(
        "Check that small numbers were suppressed with this threshold (counts 1 to it). "
        "Suppression happens in the build, with the dbt var suppression_threshold "
        "(csc build --var suppression_threshold=N); a different value is an error."
    ),
)


def _target_option() -> Callable[[F], F]:
    from csc.engines import TARGETS

    return click.option(
        "--target",
        "engine",
        type=click.Choice(TARGETS),
        default="duckdb",
        show_default=True,
        help=(
            "The engine the warehouse was built on (csc build --target): duckdb reads --db; another "
            "engine is read through its connection settings (PostgreSQL: CSC_PG_*)."
        ),
    )


target_option: Callable[[F], F] = _target_option()
