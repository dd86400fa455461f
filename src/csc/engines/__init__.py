"""Engines other than DuckDB that the warehouse can be built on (README "PostgreSQL", "Apache Spark")."""

TARGETS = ("duckdb", "postgres", "spark")
