"""Combining Great Expectations results computed batch by batch into the result of the whole table.

The runner (csc.checks.runner) streams each suite's rows from DuckDB in batches of a bounded
number of rows and lets GX validate every batch. This module turns the batches' results into
exactly the result GX gives for the whole frame, using GX's own code for what it derives:

- **Map expectations** (a yes/no question per row: not null, in a set, between, a regex, a column
  pair): the counts GX reports (``element_count``, ``missing_count``, ``unexpected_count``) are
  sums over the batches, and the examples (``partial_unexpected_list``,
  ``partial_unexpected_index_list``, at most ``partial_unexpected_count`` of them) are the first
  ones in row order, so the batches' lists are joined in batch order and cut to that length.
  The expectation's own ``_validate`` then computes success (with ``mostly``), the percentages
  and ``partial_unexpected_counts`` from those metrics, as GX does for one frame.
- **Uniqueness** is not a per-row question: a value may be repeated in another batch. Its
  counts of rows and missing values are sums as above; its unexpected rows are validated by GX
  on a second frame, the rows whose value occurs more than once in the whole table (found by
  DuckDB, in row order): usually none, and never more than the repeated rows.
- **Table row counts** are sums of the batches' row counts, given to the expectation's
  ``_validate``.

Anything else (a mean, a distribution, ...) must see the whole table: ``combinable`` says no,
and the runner validates that suite on one frame (as all suites were before); a suite that
needs such a check at national size should be given a frame pre-aggregated in DuckDB, like
``monthly_row_counts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from great_expectations.core import ExpectationValidationResult
from great_expectations.expectations.expectation import ColumnMapExpectation, ColumnPairMapExpectation
from great_expectations.expectations.core.expect_column_values_to_be_unique import ExpectColumnValuesToBeUnique
from great_expectations.expectations.core.expect_table_row_count_to_be_between import (
    ExpectTableRowCountToBeBetween,
)
from great_expectations.expectations.core.expect_table_row_count_to_equal import ExpectTableRowCountToEqual

#: GX's default number of examples kept in a SUMMARY result
PARTIAL_UNEXPECTED_COUNT = 20

_ROW_COUNT = (ExpectTableRowCountToEqual, ExpectTableRowCountToBeBetween)


def is_unique(expectation: Any) -> bool:
    """A uniqueness expectation (validated on the repeated rows, see the module docstring)."""
    return isinstance(expectation, ExpectColumnValuesToBeUnique) and not expectation.row_condition


def combinable(expectation: Any) -> bool:
    """Whether the whole table's result can be computed from per-batch results."""
    if isinstance(expectation, ExpectColumnValuesToBeUnique):
        return is_unique(expectation)
    return isinstance(expectation, (ColumnMapExpectation, ColumnPairMapExpectation, *_ROW_COUNT))


@dataclass
class Combined:
    """The running sums and first examples of one expectation over the batches seen so far."""

    expectation: Any
    limit: int = PARTIAL_UNEXPECTED_COUNT
    element_count: int = 0
    missing_count: int = 0
    unexpected_count: int = 0
    unexpected_values: list[Any] = field(default_factory=list)
    unexpected_index_list: list[Any] = field(default_factory=list)
    row_count: int = 0
    #: the first batch result that raised: the combined result is that one
    raised: ExpectationValidationResult | None = None

    def _settled(self, result: ExpectationValidationResult) -> bool:
        """True when a result raised (this one, kept, or an earlier one): nothing more to add."""
        if self.raised is None and result.exception_info and result.exception_info.get("raised_exception"):
            self.raised = result
        return self.raised is not None

    def add(self, result: ExpectationValidationResult) -> None:
        """Add one batch's result of this expectation."""
        if self._settled(result):
            return
        observed = result.result or {}
        if isinstance(self.expectation, _ROW_COUNT):
            self.row_count += int(observed["observed_value"])
            return
        self.element_count += int(observed.get("element_count") or 0)
        self.missing_count += int(observed.get("missing_count") or 0)
        if not is_unique(self.expectation):
            self.add_unexpected(result)

    def add_unexpected(self, result: ExpectationValidationResult) -> None:
        """Add a result's unexpected rows only (uniqueness: from the frame of repeated rows)."""
        if self._settled(result):
            return
        observed = result.result or {}
        self.unexpected_count += int(observed.get("unexpected_count") or 0)
        room = self.limit - len(self.unexpected_values)
        self.unexpected_values.extend((observed.get("partial_unexpected_list") or [])[:max(room, 0)])
        room = self.limit - len(self.unexpected_index_list)
        self.unexpected_index_list.extend((observed.get("partial_unexpected_index_list") or [])[:max(room, 0)])

    def result(self, template: ExpectationValidationResult, result_format: dict[str, Any]) -> ExpectationValidationResult:
        """The whole table's result: ``template`` (one batch's result of this expectation, whose
        configuration and meta it keeps) with the success and result of all batches."""
        if self.raised is not None:
            return self.raised
        if isinstance(self.expectation, _ROW_COUNT):
            metrics: dict[str, Any] = {"table.row_count": self.row_count}
        else:
            metric = self.expectation.map_metric
            nonnull = self.element_count - self.missing_count
            metrics = {
                "table.row_count": self.element_count,
                "column_values.nonnull.unexpected_count": self.missing_count,
                f"{metric}.filtered_row_count": nonnull,
                # for ExpectColumnValuesToNotBeNull this key is the one above: its unexpected count
                f"{metric}.unexpected_count": self.unexpected_count,
                f"{metric}.unexpected_values": self.unexpected_values,
                f"{metric}.unexpected_index_list": self.unexpected_index_list,
            }
        computed = self.expectation._validate(metrics=metrics, runtime_configuration={"result_format": result_format})
        template.success = computed["success"]
        template.result = computed.get("result", {})
        return template
