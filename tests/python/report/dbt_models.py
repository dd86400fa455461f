"""The project's publication models in the synthetic warehouses (no dbt run).

The report and publish tests build small DuckDB warehouses by hand. Their suppressed and
benchmarked tables come from the very SQL dbt builds (rendered by csc.report.models), created
as views: a test that changes ``marts.fct_kpi_values`` sees the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb

from csc.report.models import render_model as _render_model

# Where the synthetic warehouses keep each relation a publication model refers to.
RELATIONS = {
    "fct_kpi_values": "marts.fct_kpi_values",
    "kpi_catalogue": "reference.kpi_catalogue",
    "dq_rule_summary": "marts.dq_rule_summary",
    "fct_kpi_values_published": "marts.fct_kpi_values_published",
}
# In dependency order.
PUBLICATION_MODELS = ("fct_kpi_values_published", "fct_kpi_values_benchmarked", "dq_rule_summary_published")


def render_model(name: str, variables: Mapping[str, Any], relations: Mapping[str, str] = RELATIONS) -> str:
    return _render_model(name, relations, variables)


def create_publication_views(con: duckdb.DuckDBPyConnection, threshold: int, with_dq: bool = True) -> None:
    """Create the publication models as views in schema marts."""
    variables = {"suppression_threshold": threshold}
    for name in PUBLICATION_MODELS:
        if name == "dq_rule_summary_published" and not with_dq:
            continue
        con.execute(f"create or replace view marts.{name} as {render_model(name, variables)}")
