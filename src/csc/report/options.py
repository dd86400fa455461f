"""Command-line options shared by `csc report` and `csc publish`, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import click

from csc.report.disclosure import DEFAULT_THRESHOLD

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
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Suppress counts from 1 to this number.",
)
