"""Helpers of the `csc validate` tests: the synthetic returns folder, return marts made from it,
and the DfE engines run directly through their own API (in the DfE environment).

The fixture folder fixtures/returns_2021-22/ is in the layout `csc returns` writes (ssda903/*.csv,
cin_census/cin_census.xml, returns_manifest.json), made by hand: four looked-after children and
two children in need, with some deliberate errors, never real data.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb

from csc.returns.dfe_env import DfeEnvironment, ensure_dfe_env

RETURNS_FIXTURE = Path(__file__).parent / "fixtures" / "returns_2021-22"
YEAR = "2021-22"

# CIN census tables as the engine builds them from the XML: the elements that make one row each
# (a Reviews row per CPPreviewDate, a Disabilities row per Disability, ...).
CIN_ROW_ELEMENTS = {
    "header": ".//Header",
    "children": ".//Child/ChildIdentifiers",  # ChildIdentifiers and ChildCharacteristics: one row per child
    "disabilities": ".//Disabilities/Disability",
    "cin_details": ".//CINdetails",
    "assessments": ".//CINdetails/Assessments",
    "assessment_factors_list": ".//FactorsIdentifiedAtAssessment/AssessmentFactors",
    "cin_plan_dates": ".//CINdetails/CINPlanDates",
    "section47": ".//CINdetails/Section47",
    "child_protection_plans": ".//CINdetails/ChildProtectionPlans",
    "reviews": ".//ChildProtectionPlans/Reviews/CPPreviewDate",
}


def dfe_env() -> DfeEnvironment:
    """The project's DfE environment (made on first use: about a minute; `make dfe-env` in CI)."""
    return ensure_dfe_env()


def copy_returns(target: Path) -> Path:
    folder = target / YEAR
    shutil.copytree(RETURNS_FIXTURE, folder)
    return folder


def child_key(child_id: str) -> str:
    return f"key-{child_id}"


def make_return_marts(db_path: Path, returns_folder: Path) -> None:
    """Return marts (schema returns) with the fixture's rows, as the 903 and CIN streams build them:
    collection_year, return_row, the trace columns (a stand-in child key; landing row 100 + row)."""
    with duckdb.connect(str(db_path)) as con:
        con.execute("create schema if not exists returns")
        for path in sorted((returns_folder / "ssda903").glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            con.execute(f"create or replace table returns.rpt_ssda903__{path.stem} (collection_year varchar, "
                        f"return_row integer, child_key varchar, landing_table varchar, landing_row_number bigint, "
                        f"\"CHILD\" varchar)")
            if rows:
                con.executemany(f"insert into returns.rpt_ssda903__{path.stem} values (?, ?, ?, ?, ?, ?)",
                                [[YEAR, index, child_key(row["CHILD"]), f"landing_{path.stem}", 100 + index, row["CHILD"]]
                                 for index, row in enumerate(rows, start=1)])
        root = ET.parse(returns_folder / "cin_census" / "cin_census.xml").getroot()
        for table, path in CIN_ROW_ELEMENTS.items():
            rows = []
            for child in root.iter("Child"):
                child_id = child.findtext("ChildIdentifiers/LAchildID")
                rows += [child_id] * len(child.findall("." + path[len(".//Child"):] if path.startswith(".//Child/")
                                                       else path))
            if table == "header":
                rows = [None]
            con.execute(f"create or replace table returns.rpt_cin_census__{table} (collection_year varchar, "
                        f"return_row integer, child_key varchar, landing_table varchar, landing_row_number bigint)")
            if rows:
                con.executemany(f"insert into returns.rpt_cin_census__{table} values (?, ?, ?, ?, ?)",
                                [[YEAR, index, child_key(child_id) if child_id else None, f"landing_{table}",
                                  100 + index] for index, child_id in enumerate(rows, start=1)])


# The engines' own API, run directly: (rule, engine table, 0-based row) of every finding, and the
# rules of the ruleset. Kept apart from dfe_runner so that the comparison is with the engines.
DIRECT_SCRIPT = r"""
import json, logging, sys, warnings, xml.etree.ElementTree as ET
warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)
kind, ruleset, year_end, out, *files = sys.argv[1:]
result = {"rules": [], "findings": []}
if kind == "ssda903":
    from lac_validator import lac_validator
    from lac_validator.report import Report
    from lac_validator.utils import process_uploaded_files
    import importlib
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    v = lac_validator.LacValidator(metadata={"collectionYear": year_end, "localAuthority": "E10000008"},
                                   files=process_uploaded_files({"This year": files}), registry=registry)
    report = Report(v.ds_results, registry)
    issues = lac_validator.create_issue_df(report.report, report.error_report)
    result["rules"] = sorted(str(rule.code) for rule in registry.values())
    result["findings"] = sorted({(str(r.rule_code), str(r.tables_affected), int(r.row_id)) for r in issues.itertuples()})
else:
    import contextlib, io, importlib
    from cin_validator import cin_validator
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    data = cin_validator.process_data(cin_validator.convert_data(ET.parse(files[0]).getroot()))
    with contextlib.redirect_stdout(io.StringIO()):
        v = cin_validator.CinValidator(data, registry)
    result["rules"] = sorted(str(rule.code) for rule in registry.values())
    found = {(str(r.rule_code), str(r.tables_affected), int(float(r.row_id))) for r in v.full_issue_df.itertuples()}
    header = v.multichild_issues.iloc[:len(v.multichild_issues) - len(v.la_rule_issues)]
    found |= {(str(code), "Header", 0) for code in header["rule_code"]}
    found |= {(str(code), "", -1) for code in v.la_rule_issues.get("rule_code", [])}
    result["findings"] = sorted(found)
json.dump(result, open(out, "w"))
"""


def run_engine_directly(env: DfeEnvironment, kind: str, ruleset: str, files: list[Path], work: Path) -> dict:
    """The engine's own API on the files: {"rules": [...], "findings": [[rule, table, row], ...]}."""
    script = work / "direct.py"
    script.write_text(DIRECT_SCRIPT, encoding="utf-8")
    out = work / f"direct-{kind}.json"
    year_end = str(int(YEAR[:4]) + 1)
    completed = subprocess.run([str(env.python), "-I", str(script), kind, ruleset, year_end, str(out),
                                *map(str, files)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8"))
