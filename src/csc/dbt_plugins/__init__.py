"""dbt-duckdb plugins of the warehouse, named in profiles.yml (``plugins: - module: ...``)."""
