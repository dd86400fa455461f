"""Each parsed landing column's type is declared once, in the source YAML, and staging agrees.

`models/staging/_landing__sources.yml` gives a column staging parses `meta: {landing_type:
date|flag|number}`; `parse_errors` and `dq_rules__landing_contract` read the types from there
(landing_column_types). The staging model's select list still calls `parse_date`, `parse_flag`
or `parse_number` on the column, so this test keeps the two in step, reading the files only (no
build): every parse_* call in a staging model on a column of a landing table it reads names a
column declared with that type, and every declared column is parsed, with its type's macro, by
the staging model of its table.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

SOURCES = Path("models/staging/_landing__sources.yml")
STAGING = Path("models/staging")
MACROS = {"parse_date": "date", "parse_flag": "flag", "parse_number": "number"}
PARSE_CALL = re.compile(r"\b(parse_date|parse_flag|parse_number)\(\s*'(\w+)'\s*\)")
BASE_REF = re.compile(r"\bref\(\s*'(base_\w+)'\s*\)")
PARSE_ERRORS_CALL = re.compile(r"\bparse_errors\(\s*'(\w+)'\s*,\s*'(\w+)'\s*\)")


def base_model_name(source: str, table: str) -> str:
    """As the macro base_model_name: base_<source>__<table>, without the ssd_ prefix."""
    return f"base_{source}__{table[4:] if table.startswith('ssd_') else table}"


def declared_types(
    project: Path,
) -> dict[str, tuple[str, str, dict[str, str], set[str]]]:
    """Base model name -> (source, table, {landing column: landing_type}, every column) from the source YAML."""
    tables = {}
    for source in yaml.safe_load((project / SOURCES).read_text(encoding="utf-8"))[
        "sources"
    ]:
        for table in source.get("tables") or []:
            types = {}
            for column in table.get("columns") or []:
                meta = {
                    **(column.get("meta") or {}),
                    **((column.get("config") or {}).get("meta") or {}),
                }
                if "landing_type" in meta:
                    types[column["name"].lower()] = meta["landing_type"]
            columns = {column["name"].lower() for column in table.get("columns") or []}
            tables[base_model_name(source["name"], table["name"])] = (
                source["name"],
                table["name"],
                types,
                columns,
            )
    return tables


def findings(project: Path) -> list[str]:
    """What disagrees between the declared landing types and the staging models' parse_* calls."""
    tables = declared_types(project)
    problems = []
    for source, table, types, _ in tables.values():
        for column, landing_type in types.items():
            if landing_type not in MACROS.values():
                problems.append(
                    f"{source}.{table}.{column}: landing_type {landing_type!r} is not date, flag or number"
                )
    parsed_by_own_model: dict[str, dict[str, set[str]]] = {base: {} for base in tables}
    own_base: dict[str, str] = {}
    for path in sorted((project / STAGING).rglob("stg_*.sql")):
        sql = path.read_text(encoding="utf-8")
        model = path.stem
        bases = [b for b in BASE_REF.findall(sql) if b in tables]
        if not bases:
            continue
        own = bases[0]  # the model's base model: its first import CTE
        own_base[model] = own
        source, table = tables[own][:2]
        for call_source, call_table in PARSE_ERRORS_CALL.findall(sql):
            if (call_source, call_table) != (source, table):
                problems.append(
                    f"{model}: parse_errors('{call_source}', '{call_table}') but the model reads {source}.{table}"
                )
        for macro, column in PARSE_CALL.findall(sql):
            readers = [b for b in bases if column in tables[b][3]]
            if not readers:
                problems.append(
                    f"{model}: {macro}('{column}') is no column of {', '.join(tables[b][1] for b in bases)}"
                )
                continue
            declared = {tables[b][2].get(column) for b in readers}
            if MACROS[macro] not in declared:
                shown = ", ".join(sorted(str(d) for d in declared))
                problems.append(
                    f"{model}: {macro}('{column}') but {SOURCES} declares {column} as landing_type {shown}"
                    f" (declare meta landing_type: {MACROS[macro]}, or parse it with its type's macro)"
                )
            if own in readers:
                parsed_by_own_model[own].setdefault(column, set()).add(MACROS[macro])
    for base, (source, table, types, _) in tables.items():
        for column, landing_type in types.items():
            if landing_type not in parsed_by_own_model[base].get(column, set()):
                problems.append(
                    f"{source}.{table}.{column} is declared landing_type {landing_type} but the staging model reading"
                    f" {base} does not call parse_{landing_type}('{column}')"
                )
    problems.extend(unit_test_overrides_that_disagree(project, tables, own_base))
    return problems


def unit_test_overrides_that_disagree(project: Path, tables, own_base: dict[str, str]) -> list[str]:
    """dbt compiles a unit test without the project's graph, so a unit test of a staging model
    gives the landing types in `overrides: macros: landing_column_types`: they must be the
    declared ones of the model's table, in the YAML's order (parse_errors lists them so)."""
    problems = []
    for path in sorted((project / STAGING).rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for unit_test in document.get("unit_tests") or []:
            given = ((unit_test.get("overrides") or {}).get("macros") or {}).get("landing_column_types")
            model = unit_test.get("model")
            if given is None or model not in own_base:
                continue
            source, table, types, _ = tables[own_base[model]]
            declared = {
                kind + "s": [column for column, t in types.items() if t == kind]
                for kind in ("date", "flag", "number")
            }
            given = {kind: list(given.get(kind) or []) for kind in declared}
            if given != declared:
                problems.append(
                    f"{path.name}: unit test {unit_test['name']} gives landing_column_types {given}"
                    f" but {SOURCES} declares {declared} for {source}.{table}"
                )
    return problems


def test_staging_parses_each_column_as_its_declared_landing_type(project_dir):
    assert findings(project_dir) == []


def test_types_are_declared(project_dir):
    # the check above is empty-handed if nothing is declared: dates, flags and numbers are
    declared = [
        t
        for _, _, types, _ in declared_types(project_dir).values()
        for t in types.values()
    ]
    assert {"date", "flag", "number"} <= set(declared)


@pytest.fixture
def broken_copy(project_dir, tmp_path):
    """A copy of the source YAML and staging models to break one way at a time."""
    shutil.copytree(project_dir / STAGING, tmp_path / STAGING)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_parse_macro_that_disagrees_with_the_declared_type_is_found(broken_copy):
    edit(
        broken_copy / STAGING / "ssd/stg_ssd__cin_visits.sql",
        "parse_flag('cinv_cin_visit_bedroom')",
        "parse_number('cinv_cin_visit_bedroom')",
    )
    problems = findings(broken_copy)
    assert any(
        "stg_ssd__cin_visits: parse_number('cinv_cin_visit_bedroom')" in p
        for p in problems
    ), problems
    assert any(
        "cinv_cin_visit_bedroom is declared landing_type flag" in p for p in problems
    ), problems


def test_a_declared_column_that_staging_does_not_parse_is_found(broken_copy):
    edit(
        broken_copy / STAGING / "ssd/stg_ssd__cin_visits.sql",
        "{{ parse_date('cinv_cin_visit_date') }} as cin_visit_date",
        "{{ clean_text('cinv_cin_visit_date') }} as cin_visit_date",
    )
    assert findings(broken_copy) == [
        "ssd.ssd_cin_visits.cinv_cin_visit_date is declared landing_type date but the staging model reading"
        " base_ssd__cin_visits does not call parse_date('cinv_cin_visit_date')"
    ]


def test_a_parsed_column_without_a_declared_type_is_found(broken_copy):
    edit(
        broken_copy / SOURCES,
        "meta: {landing_type: number}",
        "meta: {}",
    )
    problems = findings(broken_copy)
    assert (
        len(problems) == 1
        and "declares" in problems[0]
        and "landing_type None" in problems[0]
    ), problems


def test_an_unknown_landing_type_is_found(broken_copy):
    edit(
        broken_copy / SOURCES,
        "meta: {landing_type: flag}",
        "meta: {landing_type: boolean}",
    )
    problems = findings(broken_copy)
    assert any(
        "landing_type 'boolean' is not date, flag or number" in p for p in problems
    ), problems


def test_parse_errors_of_another_table_is_found(broken_copy):
    edit(
        broken_copy / STAGING / "ssd/stg_ssd__cin_visits.sql",
        "parse_errors('ssd', 'ssd_cin_visits')",
        "parse_errors('ssd', 'ssd_cp_visits')",
    )
    assert findings(broken_copy) == [
        "stg_ssd__cin_visits: parse_errors('ssd', 'ssd_cp_visits') but the model reads ssd.ssd_cin_visits"
    ]


def test_a_unit_tests_landing_types_that_disagree_with_the_yaml_are_found(broken_copy):
    edit(
        broken_copy / STAGING / "la/_la__models.yml",
        "numbers: [budgeted_fte, permanent_fte,",
        "numbers: [permanent_fte, budgeted_fte,",
    )
    problems = findings(broken_copy)
    assert len(problems) == 1 and "unit test test_parse_date_rejects_impossible_times" in problems[0], problems
