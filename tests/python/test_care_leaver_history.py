"""The warehouse keeps every care-leaver extract it has loaded (issue 5, landing.md).

`ssd_care_leavers` is a stacked monthly state table and an authority may send only the
current month. `int_care_leaver_extracts` is incremental, so loading a landing folder with
months 1-3 and then one with only month 4 must leave months 1-4 in the warehouse, exactly as
a single load of all four months does. Each load is a real `dbt build` in a subprocess with
its own DuckDB file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from csc.dbt_plugins.pseudonym import KEY_ENV, child_key, parse_key
from warehouse_helpers import MINIMAL_LANDING, dbt, make_paths

pytestmark = pytest.mark.slow

HISTORY = Path(__file__).parent / "fixtures" / "kpi2" / "care_leaver_history"
MONTHS_1_TO_3 = HISTORY / "ssd_care_leavers_months_1_to_3.csv"
MONTH_4 = HISTORY / "ssd_care_leavers_month_4.csv"
# seeds and models only (the store's own tests run in the project build); ~4 dbt runs in all
SELECT = ("build", "--select", "+int_care_leaver_extracts", "--resource-type", "seed", "--resource-type", "model")
STORE = "intermediate.int_care_leaver_extracts"
COLUMNS = (
    "extract_date, child_key, care_leaver_row_id, eligibility_code, in_touch_code, "
    "accommodation_code, is_accommodation_suitable, is_accommodation_suitable_recorded, "
    "activity_code, pathway_plan_review_date, has_personal_adviser"
)


def landing_with(tmp_path: Path, name: str, *care_leaver_files: Path) -> Path:
    """The hand-made landing folder with ssd_care_leavers.csv made of the given files' rows."""
    folder = tmp_path / name
    shutil.copytree(MINIMAL_LANDING, folder)
    lines: list[str] = []
    for index, source in enumerate(care_leaver_files):
        file_lines = source.read_text(encoding="utf-8").splitlines()
        lines.extend(file_lines if index == 0 else file_lines[1:])
    (folder / "ssd_care_leavers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def load(project_dir: Path, work: Path, landing: Path) -> None:
    result = dbt(make_paths(project_dir, work, landing), *SELECT)
    assert result.ok, f"dbt build failed for {landing.name}: {result.failure_reason()}"


def stored_rows(work: Path) -> list[tuple]:
    with duckdb.connect(str(work / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(f"select {COLUMNS} from {STORE} order by extract_date, child_key").fetchall()


def key_of(person_id: str) -> str:
    """The child_key the store holds for a person id (the store keeps no person ids)."""
    return child_key(parse_key(os.environ[KEY_ENV]), person_id)


def months(rows: list[tuple]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[0].isoformat()] = counts.get(row[0].isoformat(), 0) + 1
    return counts


@pytest.fixture(scope="module")
def loads(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    tmp = tmp_path_factory.mktemp("care_leaver_history")
    first = landing_with(tmp, "months_1_to_3", MONTHS_1_TO_3)
    second = landing_with(tmp, "month_4", MONTH_4)
    everything = landing_with(tmp, "months_1_to_4", MONTHS_1_TO_3, MONTH_4)

    in_turn = tmp / "in_turn"
    load(project_dir, in_turn, first)
    after_first = stored_rows(in_turn)
    load(project_dir, in_turn, second)
    after_second = stored_rows(in_turn)

    at_once = tmp / "at_once"
    load(project_dir, at_once, everything)

    # a corrected month 4 re-sent without P105 replaces month 4 as a whole
    corrected = tmp / "month_4_corrected.csv"
    corrected.write_text(
        "".join(line for line in MONTH_4.read_text(encoding="utf-8").splitlines(keepends=True)
                if ",P105," not in line),
        encoding="utf-8",
    )
    load(project_dir, in_turn, landing_with(tmp, "month_4_corrected", corrected))

    return {
        "after_first": after_first,
        "after_second": after_second,
        "at_once": stored_rows(at_once),
        "after_correction": stored_rows(in_turn),
    }


def test_first_load_holds_months_1_to_3(loads):
    # month 2 has two rows for P102: the first in the file is kept
    assert months(loads["after_first"]) == {"2021-07-31": 3, "2021-08-31": 3, "2021-09-30": 3}


def test_loading_only_month_4_keeps_months_1_to_3(loads):
    assert months(loads["after_second"]) == {
        "2021-07-31": 3, "2021-08-31": 3, "2021-09-30": 3, "2021-10-20": 4,
    }
    assert loads["after_second"][:9] == loads["after_first"]


def test_two_loads_equal_one_load_of_all_four_months(loads):
    assert loads["after_second"] == loads["at_once"]


def test_first_row_of_a_duplicated_person_is_kept(loads):
    august_p102 = [row for row in loads["at_once"] if row[0].isoformat() == "2021-08-31" and row[1] == key_of("P102")]
    assert [row[2] for row in august_p102] == ["M2-02"]


def test_a_resent_month_replaces_that_month_only(loads):
    assert months(loads["after_correction"]) == {
        "2021-07-31": 3, "2021-08-31": 3, "2021-09-30": 3, "2021-10-20": 3,
    }
    assert key_of("P105") not in {row[1] for row in loads["after_correction"]}
    assert key_of("P105") in {row[1] for row in loads["after_second"]}
    assert loads["after_correction"][:9] == loads["after_first"]
