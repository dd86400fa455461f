"""dfe_runner.py in the DfE environment: the year's own ruleset or the nearest (said), every rule
of it run, and no network: every connection refused, none attempted while validating."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from csc.returns import validate
from dfe_helpers import RETURNS_FIXTURE, dfe_env

pytestmark = pytest.mark.slow

RUNNER_DIR = Path(validate.RUNNER).parent


def _in_dfe_env(code: str) -> str:
    """Run Python code in the DfE environment with dfe_runner importable; its standard output."""
    completed = subprocess.run([str(dfe_env().python), "-I", "-c", f"import sys; sys.path.insert(0, {str(RUNNER_DIR)!r})\n{code}"],
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


@pytest.mark.parametrize(("return_name", "year", "ruleset", "said"), [
    ("ssda903", "2023-24", "lac2023_24", "the collection year's own"),
    ("ssda903", "2021-22", "lac2022_23", "no lac ruleset for 2021-22 in csc-validator-be-903; using the nearest, lac2022_23"),
    ("ssda903", "2031-32", "lac2026_27", "using the nearest, lac2026_27"),
    ("cin", "2024-25", "cin2024_25", "the collection year's own"),
    ("cin", "2019-20", "cin2022_23", "no cin ruleset for 2019-20 in csc-validator-be-cin; using the nearest, cin2022_23"),
])
def test_the_years_own_ruleset_or_the_nearest_said(return_name: str, year: str, ruleset: str, said: str) -> None:
    out = _in_dfe_env(f"import dfe_runner; print(*dfe_runner.choose_ruleset({return_name!r}, {year!r}, 'auto'), sep='|')")
    chosen, note = out.strip().split("|")
    assert chosen == ruleset and said in note


def test_the_runner_refuses_every_connection() -> None:
    out = _in_dfe_env(
        "import dfe_runner, socket, json\n"
        "dfe_runner.refuse_network()\n"
        "refused = []\n"
        "for attempt in (lambda: socket.create_connection(('www.gov.uk', 443), timeout=1),\n"
        "                lambda: socket.getaddrinfo('www.gov.uk', 443),\n"
        "                lambda: socket.socket().connect(('127.0.0.1', 9))):\n"
        "    try:\n"
        "        attempt()\n"
        "    except dfe_runner.NetworkRefusedError:\n"
        "        refused.append(True)\n"
        "from govuk_bank_holidays.bank_holidays import BankHolidays\n"
        "holidays = BankHolidays()  # would download from GOV.UK: refused, falls back to its own copy\n"
        "print(json.dumps({'refused': refused, 'attempts': dfe_runner.NETWORK_ATTEMPTS,\n"
        "                  'holidays': len(holidays.get_holidays())}))\n")
    result = json.loads(out.strip().splitlines()[-1])
    assert result["refused"] == [True, True, True]
    assert len(result["attempts"]) >= 4 and result["holidays"] > 0


@pytest.mark.parametrize(("return_name", "files", "at_least"), [
    ("ssda903", sorted((RETURNS_FIXTURE / "ssda903").glob("*.csv")), 250),
    ("cin", [RETURNS_FIXTURE / "cin_census" / "cin_census.xml"], 80),
])
def test_every_rule_runs_with_no_connection_attempted(tmp_path: Path, return_name: str, files: list[Path],
                                                      at_least: int) -> None:
    completed = subprocess.run([str(dfe_env().python), "-I", str(validate.RUNNER), "--return", return_name,
                                "--year", "2021-22", "--la-code", "E10000008", "--out", str(tmp_path),
                                *map(str, files)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-2000:]
    run = json.loads((tmp_path / "run.json").read_text())
    rules = (tmp_path / "rules.csv").read_text().splitlines()[1:]
    assert run["rules_run"] == len(rules) >= at_least
    assert run["network_attempts"] == [] and run["rules_failed"] == []
    assert "using the nearest" in completed.stdout
