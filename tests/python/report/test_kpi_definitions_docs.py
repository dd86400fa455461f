"""The dbt docs list the catalogue's KPI definitions (generated from the seed, kept in step)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "generate_kpi_definitions_docs.py"


def test_definitions_block_is_up_to_date() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_catalogue_kpi_is_listed_with_its_definition() -> None:
    block = (ROOT / "models" / "marts" / "kpis" / "_kpis__definitions.md").read_text(encoding="utf-8")
    with (ROOT / "seeds" / "kpi_catalogue.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        assert f"| `{row['kpi_id']}` |" in block
        assert " ".join(row["definition"].split()).replace("|", "\\|") in block
