"""Names, NHS numbers, addresses and postcodes never leave staging (landing.md, README)."""

from __future__ import annotations

import re

import duckdb
import pytest

# Values of personal data in the hand-made landing folder (all fictional).
PERSONAL_VALUES = ["Alice", "Dora", "Example", "9990000001", "9990000002", "EX1 1AA", "Worker One"]
IDENTIFYING_COLUMN = re.compile(
    r"(forename|surname|first_name|last_name|full_name|person_name|professional_name|nhs|"
    r"common_child_id|upn|postcode|address|^(clea_care_leaver_)?personal_advis(o|e)r$)"
)


@pytest.fixture(scope="module")
def columns(minimal_build):
    with duckdb.connect(str(minimal_build.db_path), read_only=True) as con:
        yield con, con.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns "
            "where table_schema not in ('landing', 'information_schema', 'pg_catalog')"
        ).fetchall()


def test_no_identifying_column_outside_landing(columns):
    _, found = columns
    offending = [f"{s}.{t}.{c}" for s, t, c, _ in found if IDENTIFYING_COLUMN.search(c.lower())]
    assert offending == []


def test_person_id_never_reaches_what_analysts_and_bi_read(columns):
    """Marts, data-quality findings and reference data carry the pseudonymous child_key only
    (the case-management person id is used inside the build, in staging and intermediate)."""
    _, found = columns
    offending = [f"{s}.{t}" for s, t, c, _ in found
                 if c.lower() == "person_id" and s not in ("staging", "intermediate")]
    assert offending == []


def test_no_personal_value_outside_landing(columns):
    con, found = columns
    text_columns = [(s, t, c) for s, t, c, d in found if d.upper().startswith("VARCHAR")]
    assert text_columns, "no text columns found: is the warehouse built?"
    hits = []
    for schema, table, column in text_columns:
        values = ", ".join(f"'{value}'" for value in PERSONAL_VALUES)
        count = con.execute(
            f'select count(*) from "{schema}"."{table}" where "{column}" in ({values})'
        ).fetchall()[0][0]
        if count:
            hits.append(f"{schema}.{table}.{column}")
    assert hits == []
