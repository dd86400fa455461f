"""Dirty mode: every injected change is in the files where the manifest says, and real
faults are detectable (the clean-mode checks fail on them)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

KINDS_FAULT = {"duplicate_id", "end_before_start", "future_date", "before_birth", "unparseable_date",
               "unknown_code", "orphan_reference", "overlapping_plan", "missing_mandatory", "bad_number",
               "unparseable_code_set", "no_factors_with_others"}
# part 2 (inspection tables) of the landing contract; every one gets faults
PART2_FAULTED = {"ssd_contacts", "ssd_early_help_episodes", "ssd_assessment_factors", "ssd_cp_reviews",
                 "ssd_cla_reviews", "ssd_missing", "ssd_immigration_status", "ssd_cla_care_plan", "ssd_disability",
                 "ssd_permanence", "case_audits"}
KINDS_VALID = {"ddmmyyyy_date", "datetime_variant", "code_synonym", "yn_variant", "stray_whitespace", "null_text"}


def _raw(folder: Path, file: str) -> list[dict[str, str]]:
    with open(folder / file, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def parse_landing_date(value: str) -> dt.date | None:
    """The landing contract's date rules: ISO date (time dropped) or DD/MM/YYYY."""
    v = value.strip()
    for fmt, n in (("%Y-%m-%d", 10), ("%d/%m/%Y", 10)):
        try:
            return dt.datetime.strptime(v[:n], fmt).date()
        except ValueError:
            continue
    return None


@pytest.fixture(scope="module")
def manifest(small_dirty: Path) -> pd.DataFrame:
    return pd.read_csv(small_dirty / "_dirty_manifest.csv", dtype=str, keep_default_na=False)


def test_every_kind_is_injected(manifest):
    kinds = Counter(manifest["fault_kind"])
    assert set(kinds) == KINDS_FAULT | KINDS_VALID
    assert (manifest.loc[manifest["fault_kind"].isin(KINDS_VALID), "is_fault"] == "N").all()
    # a fault is real (Y), except an end set before its start whose start a before-birth fault
    # then re-dated: that row's end is no longer before its start (N)
    faults = manifest[manifest["fault_kind"].isin(KINDS_FAULT)]
    undone = faults[faults["is_fault"] == "N"]
    assert set(undone["fault_kind"]) <= {"end_before_start"}
    redated = set(zip(faults.loc[faults["fault_kind"] == "before_birth", "file"],
                      faults.loc[faults["fault_kind"] == "before_birth", "row_number"]))
    assert set(zip(undone["file"], undone["row_number"])) <= redated
    assert (faults.loc[faults["fault_kind"] != "end_before_start", "is_fault"] == "Y").all()


def test_manifest_rows_point_at_the_changed_values(small_dirty: Path, manifest):
    cache: dict[str, list[dict[str, str]]] = {}
    for m in manifest.itertuples():
        if m.file not in cache:
            cache[m.file] = _raw(small_dirty, m.file)
        rows = cache[m.file]
        row = rows[int(m.row_number) - 1]
        assert row[m.id_column].strip() == m.id_value, m
        if m.fault_kind not in ("duplicate_id",):
            assert row[m.field] == m.value, m


def test_faults_are_detectable(small_dirty: Path, manifest):
    extract = dt.date(2021, 10, 20)
    cache: dict[str, list[dict[str, str]]] = {}
    for m in manifest.itertuples():
        if m.file not in cache:
            cache[m.file] = _raw(small_dirty, m.file)
        rows = cache[m.file]
        value = m.value
        if m.fault_kind == "unparseable_date":
            assert parse_landing_date(value) is None, value
        elif m.fault_kind in ("ddmmyyyy_date", "datetime_variant"):
            assert parse_landing_date(value) is not None, value
            assert ("/" in value) == (m.fault_kind == "ddmmyyyy_date")
        elif m.fault_kind == "future_date":
            assert parse_landing_date(value) > extract
        elif m.fault_kind == "duplicate_id":
            assert sum(r[m.id_column] == m.id_value for r in rows) >= 2
        elif m.fault_kind == "missing_mandatory":
            assert value == ""
        elif m.fault_kind == "yn_variant":
            assert value.lower() in {"yes", "no", "1", "0", "true", "false", "y", "n"}
        elif m.fault_kind == "stray_whitespace":
            assert value != value.strip()
        elif m.fault_kind == "null_text":
            assert value.lower() == "null"
        elif m.fault_kind == "bad_number":
            with pytest.raises(ValueError):
                float(value)
        elif m.fault_kind == "unparseable_code_set":  # meant as JSON (starts with [ or {) but is not
            assert value[:1] in "[{"
            with pytest.raises(ValueError):
                json.loads(value)
        elif m.fault_kind == "no_factors_with_others":
            codes = json.loads(value)
            assert "21" in codes and len(codes) > 1
    # orphans: the referenced id does not exist in the parent file
    referrals = {r["cine_referral_id"] for r in _raw(small_dirty, "ssd_cin_episodes.csv")}
    orphans = manifest[(manifest["fault_kind"] == "orphan_reference") & (manifest["field"] == "cinp_referral_id")]
    assert len(orphans) and not set(orphans["value"]) & referrals
    # part 2: reviews of unknown periods of care, factors of unknown assessments
    cla_ids = {r["clae_cla_id"] for r in _raw(small_dirty, "ssd_cla_episodes.csv")}
    assessments = {r["cina_assessment_id"] for r in _raw(small_dirty, "ssd_cin_assessments.csv")}
    for field, known in (("clar_cla_id", cla_ids), ("cinf_assessment_id", assessments)):
        orphans = manifest[(manifest["fault_kind"] == "orphan_reference") & (manifest["field"] == field)]
        assert len(orphans) and not set(orphans["value"]) & known, field


def test_dirty_mode_covers_the_inspection_tables(manifest):
    files = {f.rsplit(".", 1)[0] for f in manifest["file"]}
    assert PART2_FAULTED <= files
    kinds = manifest.groupby(manifest["file"].str.rsplit(".", n=1).str[0])["fault_kind"].agg(set)
    for name in PART2_FAULTED:
        assert "duplicate_id" in kinds[name], name
    assert {"unknown_code", "code_synonym"} <= kinds["ssd_missing"] and "unparseable_code_set" in kinds["ssd_contacts"]
    assert {"future_date", "end_before_start"} <= kinds["ssd_missing"] | kinds["ssd_early_help_episodes"]


def test_overlapping_plans_and_end_before_start_break_the_clean_rules(small_dirty: Path, manifest):
    plans = pd.DataFrame(_raw(small_dirty, "ssd_cin_plans.csv"))
    plans = plans[plans["cinp_cin_plan_start_date"].str.len() == 10]
    plans["s"] = pd.to_datetime(plans["cinp_cin_plan_start_date"], errors="coerce")
    plans["e"] = pd.to_datetime(plans["cinp_cin_plan_end_date"].where(plans["cinp_cin_plan_end_date"].str.len() == 10),
                                errors="coerce").fillna(pd.Timestamp("2099-01-01"))
    plans = plans.dropna(subset=["s"]).sort_values(["cinp_person_id", "s"])
    same = plans["cinp_person_id"].eq(plans["cinp_person_id"].shift())
    overlapping = plans[same & (plans["s"] < plans["e"].shift())]
    injected = set(manifest.loc[(manifest["file"] == "ssd_cin_plans.csv") & (manifest["fault_kind"] == "overlapping_plan"), "id_value"])
    assert injected and injected <= set(overlapping["cinp_cin_plan_id"])
    ebs = manifest[manifest["fault_kind"] == "end_before_start"]
    assert len(ebs) >= 5


def test_clean_mode_has_no_manifest(small_clean: Path):
    assert not (small_clean / "_dirty_manifest.csv").exists()


@pytest.mark.parametrize(("start", "end", "undone"), [
    ("2003-08-26", "2020-06-25", True),            # start re-dated before birth: the end is after it
    ("2020-06-25", "2020-06-25", True),            # the same day is not before
    ("2020-06-25T00:00:00", "2020-06-24", False),  # still before (a date-time start)
    ("31/02/2021", "2020-06-24", False),           # an unreadable start: judged as written
    (None, "2020-06-24", False),
])
def test_an_end_before_start_is_undone_only_when_the_end_is_no_longer_before(start, end, undone):
    from csc.synth.dirty import _end_not_before_start

    assert _end_not_before_start(start, end) is undone
