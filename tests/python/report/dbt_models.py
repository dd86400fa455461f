"""The project's publication models, rendered for the synthetic warehouses (no dbt run).

The report and publish tests build small DuckDB warehouses by hand. Their suppressed and
benchmarked tables must come from the very SQL dbt builds, so this renders the model files
of models/marts/publication with the few Jinja names they use (``ref``, ``var``,
``config``, ``exceptions.raise_compiler_error``, ``dbt.dateadd`` as dbt-duckdb writes it)
and creates them as views: a test that changes ``marts.fct_kpi_values`` sees the change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import jinja2

MODELS = Path(__file__).resolve().parents[3] / "models" / "marts" / "publication"

# Where the synthetic warehouses keep each relation a publication model refers to.
RELATIONS = {
    "fct_kpi_values": "marts.fct_kpi_values",
    "kpi_catalogue": "reference.kpi_catalogue",
    "dq_rule_summary": "marts.dq_rule_summary",
    "fct_kpi_values_published": "marts.fct_kpi_values_published",
}
# In dependency order.
PUBLICATION_MODELS = ("fct_kpi_values_published", "fct_kpi_values_benchmarked", "dq_rule_summary_published")


class CompilationError(ValueError):
    """What dbt's exceptions.raise_compiler_error raises, here."""


class _Exceptions:
    @staticmethod
    def raise_compiler_error(message: str) -> None:
        raise CompilationError(message)


class _Dbt:
    @staticmethod
    def dateadd(datepart: str, interval: Any, from_date_or_timestamp: str) -> str:
        return f"date_add({from_date_or_timestamp}, interval ({interval}) {datepart})"


def render_model(name: str, variables: dict[str, Any], relations: dict[str, str] = RELATIONS) -> str:
    """The SQL of models/marts/publication/<name>.sql with ``relations`` for its refs."""
    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
        (MODELS / f"{name}.sql").read_text(encoding="utf-8")
    )
    return template.render(
        ref=lambda model: relations[model],
        var=lambda key: variables[key],
        config=lambda **_: "",
        exceptions=_Exceptions,
        dbt=_Dbt,
    )


def create_publication_views(con: duckdb.DuckDBPyConnection, threshold: int, with_dq: bool = True) -> None:
    """Create the publication models as views in schema marts."""
    variables = {"suppression_threshold": threshold}
    for name in PUBLICATION_MODELS:
        if name == "dq_rule_summary_published" and not with_dq:
            continue
        con.execute(f"create or replace view marts.{name} as {render_model(name, variables)}")
