"""Render the data-quality rule catalogue (seeds/dq_rules.csv) as docs/data_quality_rules.md.

    python -m csc.checks.rules_doc            # rewrite the Markdown file
    python -m csc.checks.rules_doc --check    # exit 1 when the file is out of date

The seed is the single source: severity, description and fix of every rule and table.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from csc.paths import find_project_dir

SEED = Path("seeds") / "dq_rules.csv"
DOC = Path("docs") / "data_quality_rules.md"

INTRO = """\
# Data-quality rules

Generated from `seeds/dq_rules.csv` by `python -m csc.checks.rules_doc`; do not edit by hand.

Every rule runs on every build. Findings are in `data_quality.dq_rule_failures` (one row per
record, field and rule, with the record id, the pseudonymous child key and the row of the
landing file) and are counted per rule and table in `data_quality.dq_rule_summary`. Rows that
could not be staged at all (no id, or a repeated id) are in `data_quality.dq_quarantine`.

- Rule ids `cin_<n>` and `ssda903_<n>` are the DfE validation rules of the CIN census and the
  SSDA903 return with that number (a `Q` suffix is a DfE query); `csc_<name>` rules are this
  project's own, mostly from the landing contract.
- Severity: **error** - the record is wrong and should be fixed before the next return;
  **query** - it may be right, but should be checked (and explained to the DfE if it is).
  Findings never stop the build (see the README's severity policy).
"""


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def render(rows: list[dict[str, str]]) -> str:
    """The Markdown page for the catalogue rows."""
    rules = sorted(rows, key=lambda r: (r["table_name"], r["rule_id"]))
    severities = Counter(r["severity"] for r in rows)
    lines = [INTRO, f"{len({r['rule_id'] for r in rows})} rules, checked on {len(rows)} rule-table pairs "
             f"({severities['error']} error, {severities['query']} query).", ""]
    current = None
    for row in rules:
        if row["table_name"] != current:
            current = row["table_name"]
            lines += ["", f"## {current}", "",
                      "| rule id | severity | field | what it checks | how to fix | source |",
                      "|---|---|---|---|---|---|"]
        lines.append("| " + " | ".join([
            f"`{row['rule_id']}`", row["severity"], _cell(row["field"]).replace(", ", "<br>"),
            _cell(row["description"]), _cell(row["how_to_fix"]), _cell(row["dfe_reference"])]) + " |")
    return "\n".join(lines).rstrip() + "\n"


def read_rules(project_dir: Path) -> list[dict[str, str]]:
    with (project_dir / SEED).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the Markdown file is out of date")
    args = parser.parse_args(argv)
    project_dir = find_project_dir()
    text = render(read_rules(project_dir))
    target = project_dir / DOC
    if args.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{DOC} is out of date: run python -m csc.checks.rules_doc", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
