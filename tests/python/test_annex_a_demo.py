"""``csc annex-a`` end to end on the demo: a small synthetic extract (``csc synth``) is built
(``csc build``), the lists are written (``csc annex-a``) and the warehouse is published
(``csc publish``). The 11 CSVs have exactly the seed's headings; List 3 has one row per referral
dated in (R - 6 months, R], counted here straight from the landing ssd_cin_episodes.csv; List 8
one row per child in care at R or in the six months before, read straight from the landing
ssd_cla_episodes.csv and ssd_legal_status.csv; the published database holds no restricted table.
"""

from __future__ import annotations

import calendar
import csv
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from csc.cli import main
from shared_builds import copy_warehouse, small_demo

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[2]
SEED = PROJECT / "seeds" / "reference" / "annex_a_headings.csv"


def _months_before(day: date, months: int) -> date:
    """``day`` minus ``months`` months, the day clipped to the month's last (as the models')."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _headings() -> dict[str, list[str]]:
    with SEED.open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda row: (row["list_name"], int(row["column_order"])))
    headings: dict[str, list[str]] = {}
    for row in rows:
        headings.setdefault(row["list_name"], []).append(row["heading"])
    return headings


def _invoke(args: list[str], env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, f"csc {args[0]} failed:\n{result.output}"
    return result.output


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("annex_a_demo")
    shared = small_demo(tmp_path_factory)  # built once for this module and test_published_demo_bi
    landing, db_path, out = shared["landing"], copy_warehouse(shared["db"], work), work / "out"
    _invoke(["annex-a", "--db", str(db_path), "--out", str(out)], env={"CSC_LANDING_DIR": str(landing)})
    published = work / "published.duckdb"
    _invoke(["publish", "--db", str(db_path), "--out", str(published)])
    return {"landing": landing, "db": db_path, "lists": out / "restricted" / "annex_a", "published": published}


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 byte-order mark"
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def test_eleven_csvs_with_exactly_the_seed_headings(demo: dict[str, Path]) -> None:
    headings = _headings()
    assert len(headings) == 11
    written = sorted(path.stem for path in demo["lists"].glob("list_*.csv"))
    assert written == sorted(headings)
    for name, expected in headings.items():
        rows = _read(demo["lists"] / f"{name}.csv")
        assert rows[0] == expected, name


def test_list_3_has_every_referral_of_the_six_months_before_r(demo: dict[str, Path]) -> None:
    with (demo["landing"] / "extract_manifest.csv").open(newline="", encoding="utf-8") as handle:
        as_at = date.fromisoformat(next(csv.DictReader(handle))["extract_date"])
    start = _months_before(as_at, 6)
    with (demo["landing"] / "ssd_cin_episodes.csv").open(newline="", encoding="utf-8") as handle:
        referral_ids = {row["cine_referral_id"] for row in csv.DictReader(handle)
                        if row["cine_referral_date"]
                        and start < date.fromisoformat(row["cine_referral_date"]) <= as_at}
    rows = _read(demo["lists"] / "list_03_referrals.csv")[1:]
    assert len(referral_ids) > 50, "the demo should have referrals in the window"
    assert len(rows) == len(referral_ids)
    dates = {date(int(text[6:]), int(text[3:5]), int(text[:2])) for text in (row[5] for row in rows)}
    assert min(dates) > start and max(dates) <= as_at


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _children_in_care(landing: Path, as_at: date) -> set[str]:
    """The children with a period of care, not a short break, open at R or ended in W6, read
    straight from the landing CSVs: a period is the episodes sharing clae_cla_id (an episode
    without one is its own), from the earliest start to the latest ceased date once all have
    ceased; a short break when the V3/V4 status is the SSDA903 legal status open at its start."""
    start = _months_before(as_at, 6)
    periods: dict[tuple[str, str], list[tuple[date, date | None]]] = {}
    for row in _csv_rows(landing / "ssd_cla_episodes.csv"):
        if row["clae_cla_episode_start_date"] and row["clae_person_id"]:
            key = (row["clae_person_id"], row["clae_cla_id"] or "episode " + row["clae_cla_episode_id"])
            ceased = row["clae_cla_episode_ceased_date"]
            periods.setdefault(key, []).append((date.fromisoformat(row["clae_cla_episode_start_date"]),
                                                date.fromisoformat(ceased) if ceased else None))
    ssda903 = {"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"}
    statuses: dict[str, list[tuple[date, str, date | None, str]]] = {}
    for row in _csv_rows(landing / "ssd_legal_status.csv"):
        if row["lega_legal_status_start_date"] and row["lega_legal_status"] in ssda903:
            end = row["lega_legal_status_end_date"]
            statuses.setdefault(row["lega_person_id"], []).append(
                (date.fromisoformat(row["lega_legal_status_start_date"]), row["lega_legal_status_id"],
                 date.fromisoformat(end) if end else None, row["lega_legal_status"]))
    in_care = set()
    for (person, _), episodes in periods.items():
        period_start = min(begin for begin, _ in episodes)
        ends = [end for _, end in episodes]
        period_end = None if None in ends else max(ends)
        open_at_start = sorted(s for s in statuses.get(person, [])
                               if s[0] <= period_start and (s[2] is None or s[2] > period_start))
        if open_at_start and open_at_start[-1][3] in ("V3", "V4"):
            continue
        if period_start <= as_at and (period_end is None or period_end > start):
            in_care.add(person)
    return in_care


def test_list_8_has_every_child_in_care_at_r_or_in_the_six_months_before(demo: dict[str, Path]) -> None:
    with (demo["landing"] / "extract_manifest.csv").open(newline="", encoding="utf-8") as handle:
        as_at = date.fromisoformat(next(csv.DictReader(handle))["extract_date"])
    expected = _children_in_care(demo["landing"], as_at)
    rows = _read(demo["lists"] / "list_08_cla.csv")
    assert len(expected) > 20, "the demo should have children in care"
    assert sorted(row[0] for row in rows[1:]) == sorted(expected)
    notes = _read(demo["lists"] / "annex_a_notes.csv")
    assert notes[0] == ["List", "File", "Column", "Reason"]
    assert ["List 8", "list_08_cla.csv", "(whole list)"] not in [row[:3] for row in notes[1:]], notes
    assert [row[2] for row in notes[1:] if row[0] == "List 8"] == ["Placement postcode"], notes


def test_the_published_database_holds_no_restricted_table(demo: dict[str, Path]) -> None:
    with duckdb.connect(str(demo["db"]), read_only=True) as con:
        restricted = {name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'restricted'").fetchall()}
    assert {"rpt_annex_a__list_03_referrals", "int_annex_a__children"} <= restricted
    with duckdb.connect(str(demo["published"]), read_only=True) as con:
        tables = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    assert [row for row in tables if row[0] == "restricted" or row[1] in restricted] == []
