"""Generate a landing folder: every landing file, area by area, with a progress bar."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path
from typing import Any

import pyarrow as pa
from tqdm import tqdm

from csc.synth.area import simulate_area
from csc.synth.calendar import WorkCalendar, add_years, to_day
from csc.synth.dirty import INSPECTION_SPEC, MANIFEST_COLUMNS, inject_faults
from csc.synth.draws import stream
from csc.synth.profile import load_profile, merge_profiles
from csc.synth.schema import INSPECTION_COLUMNS
from csc.synth.writer import LandingWriter, clear_landing


def generate(out: str | Path, profile: str = "county", children: int | None = None, years: int | None = None,
             extract_date: str | None = None, seed: int = 1, fmt: str | None = None, dirty: bool = False,
             progress: bool = True, overrides: dict[str, Any] | None = None, part: str = "all") -> dict[str, Any]:
    """Write a synthetic landing folder to `out`; returns a summary (rows per file, areas).
    `part` "1" writes only the files and columns of landing contract part 1, byte for byte
    what the generator wrote before part 2 existed; "all" (default) adds part 2."""
    prof = load_profile(profile)
    if overrides:
        prof = merge_profiles(prof, overrides)
    children = int(children or prof["child_population"])
    years = int(years or prof["years"])
    extract = dt.date.fromisoformat(str(extract_date or prof["extract_date"]))
    fmt = fmt or prof.get("format", "csv")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    clear_landing(out)

    E = to_day(extract)
    H = add_years(E, -years)
    cal = WorkCalendar(extract.year - years - 20, extract.year + 3)
    per_area = int(prof.get("area_children", children))
    n_areas = max(1, math.ceil(children / per_area))
    if n_areas > 1:
        prof["area_prefix"] = True
    sizes = [children // n_areas + (1 if a < children % n_areas else 0) for a in range(n_areas)]

    writer = LandingWriter(out, fmt, part)
    manifest_rows: list[list[str]] = []
    bar = tqdm(total=children, unit="child", desc=f"synth {prof['name']}", disable=not progress)
    for area, size in enumerate(sizes):
        tables, appended = simulate_area(prof, area, size, seed, H, E, cal, part)
        if dirty:
            tables, faults = inject_faults(stream(seed, area, "dirty"), prof, tables, E)
            if part != "1":  # part 2's faults after part 1's, from a stream of their own
                new = {name: tables[name] for name in INSPECTION_COLUMNS} | {"ssd_person": tables["ssd_person"]}
                new, more = inject_faults(stream(seed, area, "inspection_dirty"), prof, new, E, INSPECTION_SPEC,
                                          person_dob_faults=False)
                tables.update({name: cols for name, cols in new.items() if name != "ssd_person"})
                faults.extend(more)
            for f in faults:
                f[1] = str(int(f[1]) + writer.rows[f[0]])  # row number within the whole file
            manifest_rows.extend(faults)
        for name, cols in tables.items():
            writer.write(name, cols)
        for name, cols in appended.items():  # part 2's rows of a part-1 table, after its part-1 rows
            writer.write(name, cols)
        del tables
        bar.update(size)
    bar.close()
    manifest = {"la_code": prof["la_code"], "la_name": prof["la_name"],
                "extract_date": extract.isoformat(), "child_population": str(children)}
    writer.write("extract_manifest", {k: pa.array([v], type=pa.string()) for k, v in manifest.items()})
    writer.close()
    if dirty:
        ext = "." + fmt
        with open(out / "_dirty_manifest.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(MANIFEST_COLUMNS)
            for row in manifest_rows:
                w.writerow([row[0] + ext] + row[1:])
    return {"areas": n_areas, "rows": dict(writer.rows), "faults": len(manifest_rows),
            "history_start": dt.date.fromordinal(dt.date(1970, 1, 1).toordinal() + H).isoformat()}
