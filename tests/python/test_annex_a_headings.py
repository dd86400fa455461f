"""The seed annex_a_headings equals the heading tables of docs/contracts/annex-a.md, in order.

The contract's tables give each list's own columns; the common columns come first (lists 1-3
without the disability column, List 10 with its Family identifier second), and List 11 has no
common columns. The seed is the one place ``csc annex-a`` takes the headings from.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CONTRACT = PROJECT / "docs" / "contracts" / "annex-a.md"
SEED = PROJECT / "seeds" / "reference" / "annex_a_headings.csv"
CODE = re.compile(r"^`([a-z0-9_]+)`$")


def _table_after(text: str, title: str) -> list[tuple[str, str, str]]:
    """(heading, column, type) of the first table after the line ``title``."""
    lines = text.splitlines()
    start = lines.index(title)
    rows: list[tuple[str, str, str]] = []
    for line in lines[start + 1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if cells[0] in ("heading", "---|---|---|---") or set(cells[0]) <= {"-", "|"}:
            continue
        column = CODE.match(cells[1])
        assert column, f"{CONTRACT.name}: {title}: {cells[1]!r} is not a `column`"
        rows.append((cells[0], column.group(1), cells[2]))
    return rows


def contract_lists() -> dict[str, list[tuple[str, str, str]]]:
    text = CONTRACT.read_text(encoding="utf-8")
    names = re.findall(r"`(list_\d\d_[a-z0-9_]+)\.csv`", text.split("## Output format", 1)[1].split("- One workbook")[0])
    assert len(names) == 11 and names == sorted(names)
    common = _table_after(text, "## Common columns (lists 1–10)")
    disability = [row for row in common if row[1] == "has_disability"]
    lists: dict[str, list[tuple[str, str, str]]] = {}
    for number, name in enumerate(names, 1):
        titles = [line for line in text.splitlines() if line.startswith(f"### List {number} — ")]
        assert len(titles) == 1, f"no single section for List {number}"
        own = _table_after(text, titles[0])
        if number == 11:
            lists[name] = own
            continue
        shared = [row for row in common if number >= 4 or row not in disability]
        if number == 10:
            family, own = own[:1], own[1:]
            assert family[0][0] == "Family identifier"
            shared = shared[:1] + family + shared[1:]
        lists[name] = shared + own
    return lists


def seed_lists() -> dict[str, list[tuple[str, str, str]]]:
    with SEED.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    lists: dict[str, list[tuple[int, str, str, str]]] = {}
    for row in rows:
        lists.setdefault(row["list_name"], []).append(
            (int(row["column_order"]), row["heading"], row["column_name"], row["value_type"]))
    for name, columns in lists.items():
        assert [order for order, *_ in columns] == list(range(1, len(columns) + 1)), f"{name}: column_order"
    return {name: [tuple(rest) for _, *rest in sorted(columns)] for name, columns in lists.items()}


def test_the_contract_has_every_list_with_headings():
    lists = contract_lists()
    assert len(lists) == 11
    assert lists["list_01_contacts"][:2] == [("Child Unique ID", "child_unique_id", "text"),
                                             ("Gender", "gender", "text")]
    assert ("Does the Child have a Disability", "has_disability", "text") not in lists["list_03_referrals"]
    assert lists["list_10_adoption"][1][0] == "Family identifier"
    assert lists["list_11_adopters"][0][0] == "Individual adopter identifier"


@pytest.mark.parametrize("name", sorted(contract_lists()))
def test_seed_equals_the_contract(name: str):
    assert seed_lists()[name] == contract_lists()[name]


def test_seed_has_no_other_list():
    assert sorted(seed_lists()) == sorted(contract_lists())


def test_split_headings_follow_the_settled_points():
    """`A / B` headings are two columns, except the IRO one."""
    headings = {heading for columns in seed_lists().values() for heading, *_ in columns}
    assert {"Allocated Team", "Allocated Worker", "Placement Type", "Placement Provider"} <= headings
    assert [heading for heading in headings if " / " in heading] == ["Date of Last IRO Visit / Contact to the Child"]
