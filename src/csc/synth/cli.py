"""`csc synth`: write a synthetic SSD landing folder."""

from __future__ import annotations

import time

import click

from csc.synth.generate import generate
from csc.synth.schema import LANDING_PARTS


@click.command("synth")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Landing folder to write.")
@click.option("--profile", default="county", show_default=True,
              help="Calibration profile: county, national, or a path to a profile YAML.")
@click.option("--children", type=int, default=None, help="0-17 child population (default: the profile's).")
@click.option("--years", type=int, default=None, help="Years of history before the extract date.")
@click.option("--extract-date", "extract_date", default=None, help="As-at date of the extract, YYYY-MM-DD.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed; same seed, same bytes.")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default=None,
              help="File format (default: the profile's; county csv, national parquet).")
@click.option("--dirty", is_flag=True, help="Inject data-quality faults and write _dirty_manifest.csv.")
@click.option("--landing-part", "part", type=click.Choice(LANDING_PARTS), default="all", show_default=True,
              help="1: only the files and columns of landing contract part 1 (an extract like those made "
                   "before the inspection tables; the same bytes for the same seed); all: part 2 as well.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def synth(out: str, profile: str, children: int | None, years: int | None, extract_date: str | None,
          seed: int, fmt: str | None, dirty: bool, part: str, quiet: bool) -> None:
    """Generate a realistic synthetic children's social care extract (SSD landing folder)."""
    t0 = time.perf_counter()
    summary = generate(out, profile=profile, children=children, years=years, extract_date=extract_date,
                       seed=seed, fmt=fmt, dirty=dirty, progress=not quiet, part=part)
    total = sum(summary["rows"].values())
    click.echo(f"wrote {len(summary['rows'])} files, {total:,} rows ({summary['areas']} area(s)"
               + (f", {summary['faults']} injected changes" if dirty else "")
               + f") to {out} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    synth()
