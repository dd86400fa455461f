"""Children's social care performance warehouse: landing folder -> dbt + DuckDB -> KPIs."""

__version__ = "0.1.0"
