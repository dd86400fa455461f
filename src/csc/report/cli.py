"""`csc report`: the click command (registered in the `csc` group by csc.cli)."""

from __future__ import annotations

from pathlib import Path

import click

from csc.paths import ProjectNotFoundError, resolve_paths
from csc.report.commentary import CommentaryError
from csc.report.options import db_option, target_option, threshold_option
from csc.report.pdf import PdfError, print_pdf
from csc.report.render import ReportError, render_report
from csc.report.warehouse import MissingTableError
from csc.engines.readers import ReadError



@click.command("report")
@click.option(
    "--month",
    metavar="YYYY-MM",
    default=None,
    help="Reporting month (default: the last complete month). The extract month, when it is not "
    "complete, is shown as a month to date.",
)
@click.option(
    "--month-to-date",
    is_flag=True,
    default=False,
    help="Show the extract month so far, compared with the same days of the previous month.",
)
@click.option(
    "--commentary",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Analyst commentary: Markdown with one '## Area' heading per area, or YAML area: text.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for the HTML file (default: build/report in the project).",
)
@click.option("--pdf", "pdf", is_flag=True,
              help="Also print an A4 PDF beside the HTML (csc-report-YYYY-MM.pdf), with headless Chromium.")
@db_option("Warehouse or published database to read (default: $CSC_DUCKDB_PATH, else build/warehouse.duckdb).")
@target_option
@threshold_option
def report_command(
    month: str | None,
    month_to_date: bool,
    commentary: Path | None,
    out_dir: Path | None,
    pdf: bool,
    db_path: Path | None,
    engine: str,
    threshold: int | None,
) -> None:
    """Render the self-contained monthly HTML report (and, with --pdf, its A4 PDF)."""
    try:
        paths = resolve_paths(db=db_path)
        out_dir = out_dir if out_dir is not None else paths.build_dir / "report"
        from csc.engines.readers import Source
        from csc.engines.snapshot import snapshot

        with snapshot(Source(engine, paths.db_path)) as db:  # another engine: a copy of what is read
            path = render_report(db, month, commentary, out_dir, threshold=threshold, month_to_date=month_to_date)
        click.echo(f"report: {path}")
        if pdf:
            click.echo(f"PDF: {print_pdf(path)}")
    except (ReportError, CommentaryError, MissingTableError, ProjectNotFoundError, PdfError, ReadError) as exc:
        raise click.ClickException(str(exc)) from exc
