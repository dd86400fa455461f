"""The words and order of breakdown rows, from the dbt model ``dim_breakdown_labels``.

Every breakdown value of ``fct_kpi_values`` (a referral source ``1A``, a placement type
``U4``, a band ``1_to_2y``, a team id) has a row there with its label (the DfE description,
the band in words, the team's name) and its position in the breakdown's table; the model is
the one place labels are decided (models/marts/publication/dim_breakdown_labels.sql). The
same table is in the warehouse (schema ``marts``) and in the published database, so the
report reads either.

A database built before the model existed has no such table: then every value is shown as
it is stored, ``unknown`` last, and breakdown headings are the breakdown names in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from csc.report.warehouse import fetch_dicts, find_table

LABELS_TABLE = "dim_breakdown_labels"
UNKNOWN_VALUE = "unknown"


@dataclass(frozen=True)
class BreakdownLabels:
    """Labels and order of breakdown values, and headings and order of breakdowns."""

    values: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    headings: dict[str, tuple[str, int]] = field(default_factory=dict)

    def label(self, breakdown: str, value: str) -> str:
        """The words for ``value`` of ``breakdown`` (the value itself when the table lacks it)."""
        found = self.values.get((breakdown, value))
        return found[0] if found else value

    def value_key(self, breakdown: str, value: str) -> tuple[int, int, str]:
        """Sort key of a value within its breakdown: the table's order, else alphabetical, unknown last."""
        found = self.values.get((breakdown, value))
        if found:
            return (0, found[1], "")
        return (2 if value == UNKNOWN_VALUE else 1, 0, value.lower())

    def heading(self, breakdown: str) -> str:
        """The heading of a breakdown table, e.g. ``Referral source``."""
        found = self.headings.get(breakdown)
        return found[0] if found else breakdown.replace("_", " ").capitalize()

    def breakdown_key(self, breakdown: str, declared: list[str]) -> tuple[int, int, str]:
        """Sort key of a breakdown table: the KPI's declared order, then the table's, then the name."""
        if breakdown in declared:
            return (declared.index(breakdown), 0, breakdown)
        found = self.headings.get(breakdown)
        return (len(declared), found[1] if found else 99, breakdown)


def load_breakdown_labels(con: duckdb.DuckDBPyConnection) -> BreakdownLabels:
    """Read ``dim_breakdown_labels`` from the warehouse or the published database."""
    table = find_table(con, LABELS_TABLE)
    if table is None:
        return BreakdownLabels()
    rows = fetch_dicts(
        con,
        f"select breakdown, breakdown_value, label, sort_order, breakdown_label, breakdown_order from {table}",
    )
    values = {(str(r["breakdown"]), str(r["breakdown_value"])): (str(r["label"]), int(r["sort_order"])) for r in rows}
    headings = {str(r["breakdown"]): (str(r["breakdown_label"]), int(r["breakdown_order"])) for r in rows}
    return BreakdownLabels(values, headings)
