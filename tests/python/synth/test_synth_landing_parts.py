"""Part 2 (inspection tables) never perturbs part 1: `--landing-part 1` writes the bytes the
generator wrote before part 2 existed, and the default output holds the same part-1 data.

The fixture `fixtures/part1_sha256.json` holds the sha256 of every file the generator wrote
for these arguments at commit 10eb3b6 (main, before issue 12), computed with that commit's
code. Regenerate it only for a deliberate change of the part-1 journeys."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from csc.synth.generate import generate
from csc.synth.schema import EXTRA_COLUMNS, INSPECTION_COLUMNS, LANDING_COLUMNS

ARGS = dict(profile="county", children=8000, years=4, seed=42, progress=False)
FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "part1_sha256.json").read_text(encoding="utf-8"))
CONFIGS = [("csv", False), ("csv", True), ("parquet", False), ("parquet", True)]


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _rows(path: Path, columns: list[str] | None = None) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        columns = columns or list(reader.fieldnames or [])
        return [columns] + [[row[c] for c in columns] for row in reader]


@pytest.mark.parametrize(("fmt", "dirty"), CONFIGS)
def test_part_1_is_byte_identical_to_before_part_2(tmp_path: Path, fmt: str, dirty: bool):
    generate(tmp_path, fmt=fmt, dirty=dirty, part="1", **ARGS)
    assert _digests(tmp_path) == FIXTURE[f"{fmt}{'_dirty' if dirty else ''}"]


@pytest.mark.parametrize("dirty", [False, True])
def test_default_output_keeps_the_part_1_data(tmp_path: Path, dirty: bool):
    part1, full = tmp_path / "part1", tmp_path / "all"
    generate(part1, dirty=dirty, part="1", **ARGS)
    generate(full, dirty=dirty, **ARGS)
    want, got = _digests(part1), _digests(full)
    assert set(got) == set(want) | {f"{name}.csv" for name in INSPECTION_COLUMNS}
    changed = {name for name in want if got[name] != want[name]}
    # only the tables with part 2's optional columns, the SO/ISO rows and the fault list change
    assert changed == {f"{name}.csv" for name in EXTRA_COLUMNS} | {"ssd_legal_status.csv"} | (
        {"_dirty_manifest.csv"} if dirty else set())
    for name in EXTRA_COLUMNS:
        assert _rows(full / f"{name}.csv")[0] == LANDING_COLUMNS[name] + EXTRA_COLUMNS[name]
        assert _rows(full / f"{name}.csv", LANDING_COLUMNS[name]) == _rows(part1 / f"{name}.csv"), name
    # SO/ISO rows follow the part-1 legal statuses; part 2's faults follow part 1's
    for name in ["ssd_legal_status.csv"] + (["_dirty_manifest.csv"] if dirty else []):
        before, after = _rows(part1 / name), _rows(full / name)
        assert after[: len(before)] == before and len(after) > len(before), name
