"""An extract without the optional files of landing-inspection.md builds the part-1 KPIs as before.

The synthetic extract is built twice: once without any optional file (all "not supplied"), and
once with every optional file: the generator's own when it writes them, else a header-only file
("no records"). Every fct_kpi_values row of the first build must be in the second, with the same
numerator, denominator, value and unit (scripts/compare_kpi_values.py's key and values): the new
files may add KPIs, never change an existing one. (Against the code before the change, the same
comparison is scripts/compare_kpi_values.py on two warehouses.)
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from csc.dbt_runner import run_dbt
from csc.paths import WarehousePaths, find_project_dir

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("csc.synth") is None or importlib.util.find_spec("csc.synth.cli") is None,
    reason="the synthetic generator is not in this checkout",
)

CHILDREN = "6000"
OPTIONAL_FILES = (
    "ssd_contacts", "ssd_early_help_episodes", "ssd_assessment_factors", "ssd_cp_reviews",
    "ssd_cla_reviews", "ssd_missing", "ssd_immigration_status", "ssd_cla_care_plan",
    "ssd_disability", "ssd_permanence", "case_audits", "annex_a_adopters",
)
SCRIPT = find_project_dir() / "scripts" / "compare_kpi_values.py"


def compare_module():
    spec = importlib.util.spec_from_file_location("compare_kpi_values", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def header_of(table: str) -> str:
    """The header of an optional file, from the source YAML (the columns of its landing view)."""
    import yaml

    sources = yaml.safe_load((find_project_dir() / "models" / "staging" / "_landing__sources.yml").read_text())
    for source in sources["sources"]:
        for entry in source["tables"]:
            if entry["name"] == table:
                return ",".join(column["name"] for column in entry["columns"])
    raise KeyError(table)


def build(work: Path, landing: Path) -> Path:
    paths = WarehousePaths(project_dir=find_project_dir(), db_path=work / "warehouse.duckdb",
                           landing_dir=landing, target_dir=work / "target")
    result = run_dbt(paths, ["build", "--select", "+fct_kpi_values", "stg_la__landing_files",
                                   "--indirect-selection", "cautious"])
    assert result.ok, "dbt build failed:\n" + "\n".join(result.output[-40:])
    return paths.db_path


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory):
    work = tmp_path_factory.mktemp("optional_files")
    generated = work / "generated"
    subprocess.run([sys.executable, "-m", "csc.synth.cli", "--out", str(generated), "--children", CHILDREN, "--quiet"],
                   check=True, capture_output=True, text=True)
    without, with_files = work / "without", work / "with"
    shutil.copytree(generated, without)
    shutil.copytree(generated, with_files)
    for table in OPTIONAL_FILES:
        for suffix in (".csv", ".parquet"):
            (without / f"{table}{suffix}").unlink(missing_ok=True)
        if not any((with_files / f"{table}{suffix}").exists() for suffix in (".csv", ".parquet")):
            (with_files / f"{table}.csv").write_text(header_of(table) + "\n", encoding="utf-8")
    (work / "a").mkdir()
    (work / "b").mkdir()
    return build(work / "a", without), build(work / "b", with_files)


def test_part_one_kpi_rows_are_unchanged_by_the_optional_files(warehouses):
    before, after = warehouses
    module = compare_module()
    columns = ", ".join(module.KEY + module.VALUES)
    with duckdb.connect() as con:
        con.execute(f"attach '{before}' as before_db (read_only)")
        con.execute(f"attach '{after}' as after_db (read_only)")
        rows_before = con.execute("select count(*) from before_db.marts.fct_kpi_values").fetchone()[0]
        changed = con.execute(
            f"select {columns} from before_db.marts.fct_kpi_values except all "
            f"select {columns} from after_db.marts.fct_kpi_values "
            f"where kpi_id in (select kpi_id from before_db.marts.fct_kpi_values)").fetchall()
        added_to_old = con.execute(
            f"select count(*) from (select {columns} from after_db.marts.fct_kpi_values "
            f"where kpi_id in (select kpi_id from before_db.marts.fct_kpi_values) except all "
            f"select {columns} from before_db.marts.fct_kpi_values)").fetchone()[0]
    assert rows_before > 1000
    assert changed == [], changed[:10]
    assert added_to_old == 0


def test_the_build_without_optional_files_records_them_as_not_supplied(warehouses):
    before, _ = warehouses
    with duckdb.connect(str(before), read_only=True) as con:
        absent = {row[0] for row in con.execute(
            "select landing_table from staging.stg_la__landing_files where not is_supplied").fetchall()}
    assert absent == set(OPTIONAL_FILES)
