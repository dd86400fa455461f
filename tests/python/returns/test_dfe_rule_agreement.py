"""Rule by rule on a dirty extract: every rule of ours that keeps a DfE number flags the records
the DfE engine flags on the returns built from the same data (issue 11).

A dirty synthetic extract is built (`csc synth --dirty`, `csc build`), its returns written and
validated (`csc returns`, `csc validate`, the DfE engines in their own environment); then
dq_rule_failures (ours) and dq_dfe_findings (the DfE's, traced to landing rows) are compared by
`disagreeing_rules` (tests/python/data_quality/test_dfe_numbered_rules.py says how).

Measured (seed 7, 20,000 children, 2021-22 provisional): no rule disagrees; 4 of the 12 kept
rules (cin_8630, cin_8640, cin_8650, ssda903_356) find records of the return, the other 8 find
none on either side here (their boundaries are unit tests of the dq models). About 90 s.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from csc.checks import rules_doc
from csc.paths import find_project_dir
from warehouse_helpers import run_csc

_RULES_TEST = Path(__file__).parents[1] / "data_quality" / "test_dfe_numbered_rules.py"
_spec = importlib.util.spec_from_file_location("dfe_numbered_rules", _RULES_TEST)
numbered = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(numbered)

SEED = 7
CHILDREN = 20000
#: kept rules that find records of the return on this extract (measured: see the docstring)
MIN_RULES_WITH_FINDINGS = 4


def _ok(result) -> None:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("agreement")
    landing, db, target = work / "landing", work / "warehouse.duckdb", work / "target"
    _ok(run_csc("synth", "--dirty", "--seed", str(SEED), "--children", str(CHILDREN), "--quiet",
                "--out", str(landing), cwd=work, target=target))
    _ok(run_csc("build", "--landing", str(landing), "--db", str(db), "--no-checks", "--quiet",
                cwd=work, target=target))
    # returns and validate rebuild from the landing folder the warehouse was built from
    env = {**os.environ, "CSC_DBT_TARGET_DIR": str(target), "CSC_LANDING_DIR": str(landing)}
    for command in (["returns", "--db", str(db), "--out", str(work / "returns")],
                    ["validate", "--db", str(db), "--returns", str(work / "returns")]):
        _ok(subprocess.run([sys.executable, "-m", "csc.cli", *command], capture_output=True, text=True,
                           cwd=work, env=env))
    return db


def test_rules_with_a_dfe_number_flag_what_the_dfe_engine_flags(validated: Path) -> None:
    with duckdb.connect(str(validated), read_only=True) as con:
        ours = con.execute("select rule_id, table_name, landing_row_number from data_quality.dq_rule_failures").fetchall()
        dfe = con.execute("select statutory_return, rule_code, landing_table, landing_row_number "
                          "from data_quality.dq_dfe_findings").fetchall()
        marts = [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'returns'").fetchall()]
        in_return = {row for mart in marts for row in con.execute(
            f"select landing_table, landing_row_number from returns.{mart} "
            "where landing_table is not null").fetchall()}
    rule_tables = numbered.seed_rule_tables(rules_doc.read_rules(find_project_dir()))
    assert numbered.disagreeing_rules(ours, dfe, rule_tables, in_return) == {}
    # and the comparison is not of empty sets: most kept rules find records of the return here
    found = {rule for rule, table, row in ours if rule in numbered.AGREEING_RULES and (table, row) in in_return}
    print(f"kept rules with findings in the return: {sorted(found)}")
    assert len(found) >= MIN_RULES_WITH_FINDINGS, sorted(found)
