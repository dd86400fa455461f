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


# Words that show a definition is written for analysts, not councillors: column and variable
# names, SQL and date arithmetic.
SQL_TOKENS = (
    "_id", "interval", ">=", "<=", "<", ">", "=", "coalesce", "null", "var ", "ssd_", "cine_",
    "clae_", " P ", "(P", "P)", "_flag", "var_",
)


def test_every_kpi_has_a_plain_definition_without_sql() -> None:
    with (ROOT / "seeds" / "kpi_catalogue.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 73
    problems = []
    for line, row in enumerate(rows, start=2):
        text = (row.get("plain_definition") or "").strip()
        if not text:
            problems.append(f"seeds/kpi_catalogue.csv line {line} ({row['kpi_id']}): plain_definition is empty")
            continue
        found = [token for token in SQL_TOKENS if token in text or token in text.lower()]
        if found:
            problems.append(
                f"seeds/kpi_catalogue.csv line {line} ({row['kpi_id']}): plain_definition has {found};"
                " write it in words a councillor reads"
            )
        if not text.endswith("."):
            problems.append(f"seeds/kpi_catalogue.csv line {line} ({row['kpi_id']}): end the sentence with a full stop")
    assert not problems, "\n".join(problems)


def test_docs_block_carries_the_plain_definitions() -> None:
    block = (ROOT / "models" / "marts" / "kpis" / "_kpis__definitions.md").read_text(encoding="utf-8")
    with (ROOT / "seeds" / "kpi_catalogue.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert " ".join(row["plain_definition"].split()).replace("|", "\\|") in block
