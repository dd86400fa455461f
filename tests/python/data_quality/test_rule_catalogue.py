"""The rule catalogue (seeds/dq_rules.csv) and its generated Markdown table."""

from __future__ import annotations

import csv
import re

from csc.checks import rules_doc
from csc.paths import find_project_dir


def _rules():
    with (find_project_dir() / rules_doc.SEED).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_at_least_forty_rules_each_documented():
    rules = _rules()
    assert len({r["rule_id"] for r in rules}) >= 40
    for rule in rules:
        assert rule["severity"] in {"error", "query"}, rule
        assert rule["description"].strip() and rule["how_to_fix"].strip(), rule


def test_rule_ids_follow_the_dfe_convention():
    for rule in _rules():
        assert re.fullmatch(r"(cin_\d{4}Q?|ssda903_\d{3,4}[A-Za-z]?Q?|csc_[a-z0-9_]+)", rule["rule_id"]), rule["rule_id"]
        if rule["rule_id"].startswith(("cin_", "ssda903_")) and rule["rule_id"].endswith("Q"):
            assert rule["severity"] == "query", rule["rule_id"]


def test_markdown_table_is_up_to_date():
    assert rules_doc.main(["--check"]) == 0, "run: python -m csc.checks.rules_doc"


def test_markdown_lists_every_rule_and_table():
    text = (find_project_dir() / rules_doc.DOC).read_text(encoding="utf-8")
    for rule in _rules():
        assert f"## {rule['table_name']}" in text
        assert f"`{rule['rule_id']}`" in text
