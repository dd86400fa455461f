"""Engines other than DuckDB that the warehouse can be built on (README "PostgreSQL")."""

TARGETS = ("duckdb", "postgres")
