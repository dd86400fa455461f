"""The benchmarks and targets of a KPI row, as fct_kpi_values_benchmarked gives them.

dbt picks each comparator's figure for the period (the latest year that does not end after the
period end), judges the value against it and computes the RAG status
(models/marts/publication/fct_kpi_values_benchmarked.sql). Here they are only labelled: each
benchmark with its year and source, "no comparable figure" where the KPI has figures of that
comparator but none of a year ended by then. Nothing here picks a year, judges or rates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from csc.report.formatting import format_value

# (comparator, label): the columns benchmark_<c>, benchmark_<c>_period, benchmark_<c>_source,
# benchmark_<c>_status and <c>_comparison of fct_kpi_values_benchmarked, in the report's order.
COMPARATORS: tuple[tuple[str, str], ...] = (
    ("england", "England"),
    ("statistical_neighbours", "Statistical neighbours"),
    ("region", "Region"),
    ("good_la", "Good LAs"),
)
NO_COMPARABLE_FIGURE = "no comparable figure"
TARGET_COLUMNS: tuple[str, ...] = ("target", "target_amber_band", "rag_status")


def benchmark_row_columns() -> tuple[str, ...]:
    """The columns of fct_kpi_values_benchmarked the report reads for benchmarks and judgements."""
    columns: list[str] = []
    for comparator, _ in COMPARATORS:
        columns += [
            f"benchmark_{comparator}",
            f"benchmark_{comparator}_period",
            f"benchmark_{comparator}_source",
            f"benchmark_{comparator}_status",
            f"{comparator}_comparison",
        ]
    return (*columns, "previous_period_comparison", *TARGET_COLUMNS)


@dataclass(frozen=True)
class RowBenchmark:
    """One comparator of a row: its figure (None: no comparable figure), year, source, judgement."""

    comparator: str
    name: str
    value: float | None
    period: str | None
    source: str | None
    judgement: str | None

    @property
    def label(self) -> str:
        """``England 2021-22``: the comparator with the year of its figure."""
        return f"{self.name} {self.period}" if self.period else self.name

    def text(self, unit: str) -> str:
        return NO_COMPARABLE_FIGURE if self.value is None else format_value(self.value, unit)


def row_benchmarks(row: dict[str, Any] | None) -> list[RowBenchmark]:
    """The comparators the KPI has figures of, for this row's period (none without a row)."""
    if row is None:
        return []
    found = []
    for comparator, name in COMPARATORS:
        status = row.get(f"benchmark_{comparator}_status")
        if status is None:
            continue  # the KPI has no figure of this comparator at all
        comparable = status == "comparable"
        value = row.get(f"benchmark_{comparator}")
        found.append(RowBenchmark(
            comparator,
            name,
            float(value) if comparable and value is not None else None,
            row.get(f"benchmark_{comparator}_period") if comparable else None,
            row.get(f"benchmark_{comparator}_source") if comparable else None,
            row.get(f"{comparator}_comparison") if comparable else None,
        ))
    return found
