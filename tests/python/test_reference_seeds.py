"""Checks of the reference seeds against the landing and KPI contracts.

The expected code lists and KPI ids below are written from the contracts
(docs/contracts/landing.md "Canonical codes" and "Synonyms", docs/contracts/kpis.md
"Catalogue"), not read from the seeds, so a seed that drifts from the contract fails here.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import holidays
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
REFERENCE = SEEDS / "reference"
GENERATOR = ROOT / "scripts" / "generate_bank_holidays.py"


def read_seed(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def normalise(value: str) -> str:
    """The landing contract's normalisation of a code before matching."""
    return value.strip().upper().replace(" ", "_").replace("-", "_")


# --- codes ---------------------------------------------------------------------------------

ACCOMMODATION_LETTERS = list("BCDEGHKRSTUVWXYZ")

EXPECTED_CODES: dict[str, set[str]] = {
    "referral_source": {
        "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
        "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
    },
    "primary_need": {f"N{i}" for i in range(10)},
    "closure_reason": {f"RC{i}" for i in range(1, 10)},
    "category_of_abuse": {"NEG", "EMO", "PHY", "SAB", "MUL"},
    "legal_status": {"C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"},
    "reason_new_episode": {"S", "L", "P", "T", "B", "U"},
    "reason_episode_ceased": {
        "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E41",
        "E45", "E46", "E47", "E48", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9",
    },
    "placement_type": {
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3",
        "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6",
        "Z1", "Z11", "Z12", "Z13", "Z14",
    },
    "placement_change_reason": {
        "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
        "PLACE", "CUSTOD", "OTHER",
    },
    "health_check_type": {"HEALTH_ASSESSMENT", "DENTAL_CHECK"},
    "health_check_status": {"COMPLETED", "PLANNED", "REFUSED", "CANCELLED"},
    "care_leaver_eligibility": {"RELEVANT", "FORMER_RELEVANT", "ELIGIBLE", "QUALIFYING", "NONE"},
    "care_leaver_in_touch": {"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"},
    "care_leaver_accommodation": (
        set(ACCOMMODATION_LETTERS)
        | {f"{letter}{digit}" for letter in ACCOMMODATION_LETTERS for digit in "12"}
        | {"0"}
    ),
    "care_leaver_activity": {
        "F1", "F2", "F3", "F4", "F5", "P1", "P2", "P3", "P4", "P5", "G4", "G5", "G6", "0",
    },
    "flag": {"Y", "N"},
    # docs/contracts/landing-inspection.md "Canonical codes (additions)"
    "contact_outcome": {
        "NEW_REFERRAL_FLAG", "EXISTING_REFERRAL_FLAG", "CP_ENQUIRY_FLAG", "NFA_FLAG",
        "NON_AGENCY_ADOPTION_FLAG", "PRIVATE_FOSTERING_FLAG", "ADVICE_FLAG", "MISSING_FLAG",
        "OLA_CP_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
    },
    "assessment_factor": (
        {f"{n}{s}" for n in range(1, 7) for s in "ABC"}
        | {"7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A",
           "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A"}
    ),
    "missing_episode_type": {"M", "A"},
    "rhi_flag": {"Y", "N", "NA"},
    "immigration_status": {"UASC", "ILR", "DLR", "REFUGEE", "ADULT_ASYLUM_SEEKER"},
    "permanence_plan": {
        "REMAINSUP", "RETURN1M", "RETURN6M", "RETURNEV", "LTRELFR", "LTFOST18", "RESPLMT",
        "SUPPLIV", "ADOPTION", "OTHERPLN",
    },
    "disability": {"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"},
    "review_participation": {f"PN{i}" for i in range(8)},
    "adoption_reversal_reason": {"RD1", "RD2", "RD3", "RD4"},
    "permanence_order_type": {"ADOPTION", "SGO", "CAO"},
    "audit_grade": {"OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT", "INADEQUATE"},
}
EXPECTED_CODES["legal_status"] |= {"SO", "ISO", "SGO", "CAO", "PF"}  # recognised, not SSDA903

# landing.md "Synonyms" plus the flag spellings of landing.md "Flags".
EXPECTED_SYNONYMS: set[tuple[str, str, str]] = {
    ("category_of_abuse", "NEGLECT", "NEG"),
    ("category_of_abuse", "EMOTIONAL_ABUSE", "EMO"),
    ("category_of_abuse", "EMOTIONAL", "EMO"),
    ("category_of_abuse", "PHYSICAL_ABUSE", "PHY"),
    ("category_of_abuse", "PHYSICAL", "PHY"),
    ("category_of_abuse", "SEXUAL_ABUSE", "SAB"),
    ("category_of_abuse", "SEXUAL", "SAB"),
    ("category_of_abuse", "MULTIPLE", "MUL"),
    ("care_leaver_eligibility", "NO_CURRENT_ELIGIBILITY", "NONE"),
    ("care_leaver_in_touch", "Y", "YES"),
    ("care_leaver_in_touch", "N", "NO"),
    ("health_check_type", "DENTAL", "DENTAL_CHECK"),
    ("health_check_type", "DENTAL_ASSESSMENT", "DENTAL_CHECK"),
    ("health_check_status", "COMPLETE", "COMPLETED"),
    ("flag", "YES", "Y"),
    ("flag", "NO", "N"),
    ("flag", "1", "Y"),
    ("flag", "0", "N"),
    ("flag", "TRUE", "Y"),
    ("flag", "FALSE", "N"),
    # landing-inspection.md "Legal orders for children in need" and "Canonical codes (additions)"
    ("legal_status", "SUPERVISION_ORDER", "SO"),
    ("legal_status", "FULL_SUPERVISION_ORDER", "SO"),
    ("legal_status", "INTERIM_SUPERVISION_ORDER", "ISO"),
    ("legal_status", "SPECIAL_GUARDIANSHIP_ORDER", "SGO"),
    ("legal_status", "CHILD_ARRANGEMENTS_ORDER", "CAO"),
    ("legal_status", "PRIVATE_FOSTERING", "PF"),
    ("missing_episode_type", "MISSING", "M"),
    ("missing_episode_type", "AWAY", "A"),
    ("missing_episode_type", "ABSENT", "A"),
    ("missing_episode_type", "AWAY_FROM_PLACEMENT_WITHOUT_AUTHORISATION", "A"),
    # RHI offered / accepted are flags (landing.md "Flags") plus NA
    ("rhi_flag", "YES", "Y"),
    ("rhi_flag", "NO", "N"),
    ("rhi_flag", "1", "Y"),
    ("rhi_flag", "0", "N"),
    ("rhi_flag", "TRUE", "Y"),
    ("rhi_flag", "FALSE", "N"),
    ("immigration_status", "UNACCOMPANIED_ASYLUM_SEEKING_CHILD", "UASC"),
    ("immigration_status", "UNACCOMPANIED_ASYLUM_SEEKER", "UASC"),
    # the SSD category descriptions, normalised
    ("immigration_status", "INDEFINITE_LEAVE_TO_REMAIN_IN_THE_UK_(ILR)", "ILR"),
    ("immigration_status", "DISCRETIONARY_LEAVE_TO_REMAIN_(DLR)", "DLR"),
    ("immigration_status", "UNACCOMPANIED_ASYLUM_SEEKING_CHILD_(UASC)", "UASC"),
    ("immigration_status", "REFUGEE_STATUS", "REFUGEE"),
    ("permanence_order_type", "SPECIAL_GUARDIANSHIP", "SGO"),
    ("permanence_order_type", "CHILD_ARRANGEMENTS_ORDER", "CAO"),
    ("permanence_order_type", "RESIDENCE_ORDER", "CAO"),
    ("audit_grade", "RI", "REQUIRES_IMPROVEMENT"),
    ("audit_grade", "REQUIRES_IMPROVEMENT_TO_BE_GOOD", "REQUIRES_IMPROVEMENT"),
    # assumption of the contract: 1-4 read as Ofsted's scale
    ("audit_grade", "1", "OUTSTANDING"),
    ("audit_grade", "2", "GOOD"),
    ("audit_grade", "3", "REQUIRES_IMPROVEMENT"),
    ("audit_grade", "4", "INADEQUATE"),
}


@pytest.fixture(scope="module")
def ref_codes() -> list[dict[str, str]]:
    return read_seed(REFERENCE / "ref_codes.csv")


@pytest.fixture(scope="module")
def synonyms() -> list[dict[str, str]]:
    return read_seed(REFERENCE / "ref_code_synonyms.csv")


def test_every_code_list_has_exactly_its_contract_codes(ref_codes):
    found: dict[str, set[str]] = {}
    for row in ref_codes:
        found.setdefault(row["code_list"], set()).add(row["code"])
    assert set(found) == set(EXPECTED_CODES)
    for code_list, codes in EXPECTED_CODES.items():
        assert found[code_list] == codes, code_list


def test_codes_are_unique_normalised_and_described(ref_codes):
    keys = [(row["code_list"], row["code"]) for row in ref_codes]
    assert len(keys) == len(set(keys))
    for row in ref_codes:
        assert row["code"] == normalise(row["code"]), row
        assert row["description"].strip(), row
        assert row["source"].strip(), row


def test_legacy_and_undescribed_codes_say_so(ref_codes):
    descriptions = {(row["code_list"], row["code"]): row["description"] for row in ref_codes}
    for code in ("N0", "N9"):
        assert "legacy" in descriptions[("primary_need", code)].lower()
    for code in ("Z11", "Z12", "Z13", "Z14"):
        assert "2025-26" in descriptions[("placement_type", code)]
        assert "no description" in descriptions[("placement_type", code)]


def test_accommodation_suitability_digit_is_described(ref_codes):
    descriptions = {row["code"]: row["description"] for row in ref_codes
                    if row["code_list"] == "care_leaver_accommodation"}
    for letter in ACCOMMODATION_LETTERS:
        assert descriptions[f"{letter}1"].endswith(": suitable")
        assert descriptions[f"{letter}2"].endswith(": not suitable")


def test_synonyms_are_the_contract_synonyms(synonyms):
    found = {(row["code_list"], row["synonym"], row["code"]) for row in synonyms}
    assert found == EXPECTED_SYNONYMS
    assert len(synonyms) == len(found)


def test_each_synonym_maps_to_one_existing_code_and_is_not_a_code(ref_codes, synonyms):
    codes = {(row["code_list"], row["code"]) for row in ref_codes}
    keys = [(row["code_list"], row["synonym"]) for row in synonyms]
    assert len(keys) == len(set(keys)), "a synonym maps to more than one code"
    for row in synonyms:
        assert (row["code_list"], row["code"]) in codes, row
        assert (row["code_list"], row["synonym"]) not in codes, f"synonym is already a code: {row}"
        assert row["synonym"] == normalise(row["synonym"]), f"synonym not normalised: {row}"


# --- bank holidays -------------------------------------------------------------------------

ONE_OFF_DAYS = [
    dt.date(2002, 6, 3), dt.date(2002, 6, 4), dt.date(2011, 4, 29), dt.date(2012, 6, 4),
    dt.date(2012, 6, 5), dt.date(2020, 5, 8), dt.date(2022, 6, 2), dt.date(2022, 6, 3),
    dt.date(2022, 9, 19), dt.date(2023, 5, 8),
]


@pytest.fixture(scope="module")
def bank_holidays() -> list[dict[str, str]]:
    return read_seed(REFERENCE / "ref_bank_holidays.csv")


def test_bank_holidays_equal_the_holidays_package(bank_holidays):
    package = holidays.country_holidays("GB", subdiv="ENG", years=range(1900, 2100), language="en_GB")
    expected = sorted((day.isoformat(), name) for day, name in package.items())
    found = [(row["holiday_date"], row["holiday_name"]) for row in bank_holidays]
    assert len(found) == len(expected)
    assert found == expected


def test_bank_holidays_cover_1900_to_2099_with_one_off_days(bank_holidays):
    days = [dt.date.fromisoformat(row["holiday_date"]) for row in bank_holidays]
    assert days == sorted(set(days))
    assert {day.year for day in days} == set(range(1900, 2100))
    for day in ONE_OFF_DAYS:
        assert day in days, day
    # the dates the one-off days replaced are ordinary working days
    for day in (dt.date(2020, 5, 4), dt.date(2022, 5, 30), dt.date(2012, 5, 28)):
        assert day not in days, day
    # before 1974 (New Year's Day) and 1978 (May Day) England had fewer bank holidays
    assert dt.date(1950, 1, 2) not in days and dt.date(1950, 12, 26) in days
    # from 1978 every year has at least the 8 regular England and Wales bank holidays on weekdays
    for year in range(1978, 2100):
        weekdays = [day for day in days if day.year == year and day.weekday() < 5]
        assert len(weekdays) >= 8, year


def test_generator_check_passes_on_the_seed_and_fails_on_a_changed_copy(tmp_path):
    ok = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr

    changed = tmp_path / "ref_bank_holidays.csv"
    lines = (REFERENCE / "ref_bank_holidays.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    changed.write_text("".join(line for line in lines if not line.startswith("2020-05-08")), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--output", str(changed)],
        capture_output=True, text=True,
    )
    assert bad.returncode == 1
    assert "differs" in bad.stderr

    missing = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--output", str(tmp_path / "absent.csv")],
        capture_output=True, text=True,
    )
    assert missing.returncode == 1


def test_generator_writes_the_committed_file(tmp_path):
    out = tmp_path / "out.csv"
    run = subprocess.run([sys.executable, str(GENERATOR), "--output", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes() == (REFERENCE / "ref_bank_holidays.csv").read_bytes()


# --- KPI catalogue -------------------------------------------------------------------------

EXPECTED_KPIS: dict[str, list[str]] = {
    "referrals": [
        "referrals", "rereferral_rate", "referral_nfa_rate", "referral_rate_per_10k", "contacts",
        "contact_referral_conversion", "early_help_open", "early_help_started",
    ],
    "assessments": [
        "assessments_completed", "assessment_timeliness", "assessment_child_seen_rate",
        "assessment_nfa_rate", "assessments_overdue", "assessment_factor_share",
    ],
    "children_in_need": [
        "cin_children", "cin_children_change_12m", "cin_visit_timeliness", "cin_plan_duration",
        "cin_episodes_open", "cin_rate_per_10k", "cin_supervision_order",
    ],
    "child_protection": [
        "s47_enquiries", "icpcs", "icpc_timeliness", "icpc_conversion_rate", "cp_children",
        "cp_repeat_plan_rate", "cp_plans_2y_plus", "cp_plans_ended_2y_plus", "cp_visit_timeliness",
        "cp_rate_per_10k", "s47_rate_per_10k", "icpc_rate_per_10k", "cp_plans_by_length",
        "cp_plans_ended_by_length", "cp_reviews_timely", "cp_reviews_all_on_time",
    ],
    "children_in_care": [
        "cla_children", "cla_started", "cla_ceased", "cla_visit_timeliness",
        "cla_health_assessment_rate", "cla_dental_check_rate", "cla_stability_short",
        "cla_stability_long", "cla_rate_per_10k", "cla_reviews_timely", "cla_reviews_all_on_time",
        "cla_missing_children", "cla_missing_episodes", "cla_away_episodes", "missing_rhi_offered_72h",
        "missing_rhi_offered", "missing_rhi_accepted", "uasc_cla", "uasc_cla_share",
        "cla_placed_over_20_miles", "cla_placed_outside_la", "cla_reunification_plan",
    ],
    "care_leavers": [
        "care_leavers_in_touch", "care_leavers_suitable_accommodation", "care_leavers_eet",
        "care_leavers_pathway_plan_current", "care_leavers_with_pa",
    ],
    "workforce": [
        "caseload_average", "establishment_fte", "vacancy_rate", "permanent_rate", "agency_rate",
        "agency_rate_dfe", "vacancy_rate_dfe",
    ],
    "case_audits": ["case_audits", "audit_good_or_better"],
}

# kpi_id: (unit, window, breakdowns) from kpis.md, for the KPIs that are not plain percentages
# measured at P with breakdown `all` only.
EXPECTED_SHAPES: dict[str, tuple[str, str, str]] = {
    "referrals": ("count", "month", "all|locality|referral_source"),
    "rereferral_rate": ("percent", "rolling_12m", "all|locality"),
    "referral_rate_per_10k": ("rate_per_10k", "rolling_12m", "all"),
    "assessment_timeliness": ("percent", "month", "all|locality|team"),
    "assessments_overdue": ("count", "stock", "all|locality"),
    "cin_children": ("count", "stock", "all|locality|service"),
    "cin_plan_duration": ("count", "stock", "all|duration_band"),
    "cp_children": ("count", "stock", "all|locality|category_of_abuse"),
    "cp_repeat_plan_rate": ("percent", "rolling_6m", "all"),
    "cla_children": ("count", "stock", "all|legal_status|placement_type"),
    # kpis-inspection.md
    "cin_episodes_open": ("count", "stock", "all"),
    "cin_rate_per_10k": ("rate_per_10k", "stock", "all"),
    "cp_rate_per_10k": ("rate_per_10k", "stock", "all"),
    "cla_rate_per_10k": ("rate_per_10k", "stock", "all"),
    "s47_rate_per_10k": ("rate_per_10k", "rolling_12m", "all"),
    "icpc_rate_per_10k": ("rate_per_10k", "rolling_12m", "all"),
    "cp_plans_by_length": ("count", "stock", "all|cp_duration_band"),
    "cp_plans_ended_by_length": ("count", "rolling_12m", "all|cp_duration_band"),
    "care_leavers_in_touch": ("percent", "stock", "all|age_band"),
    "care_leavers_with_pa": ("percent", "stock", "all|age_band"),
    "caseload_average": ("ratio", "stock", "all|service"),
    "establishment_fte": ("count", "stock", "all|role"),
    "agency_rate": ("percent", "stock", "all|role"),
    "agency_rate_dfe": ("percent", "stock", "all"),
}

# kpi_id: (England value, England period, good-LA value) as quoted in kpis.md
# The England series of seeds/benchmarks_england.csv: (kpi_id, collection year) -> value, each
# copied from the national figures the contracts quote (kpis.md, kpis-inspection.md "Population
# rates") with its source. The catalogue's benchmark_* columns are no longer read.
EXPECTED_ENGLAND: dict[tuple[str, str], float] = {
    ("rereferral_rate", "2023-24"): 22.0,
    ("rereferral_rate", "2024-25"): 22.6,
    ("assessment_timeliness", "2024-25"): 85.7,
    ("icpc_timeliness", "2022-23"): 78.5,
    ("icpc_timeliness", "2024-25"): 81.4,
    ("cp_plans_ended_2y_plus", "2024-25"): 4.4,
    ("cla_stability_long", "2023-24"): 68.0,
    ("agency_rate_dfe", "30 Sep 2022"): 17.6,
    ("agency_rate_dfe", "30 Sep 2023"): 17.8,
    ("vacancy_rate_dfe", "30 Sep 2022"): 20.0,
    ("vacancy_rate_dfe", "30 Sep 2023"): 18.9,
    ("caseload_average", "30 Sep 2019"): 16.9,
    ("caseload_average", "30 Sep 2020"): 16.3,
    ("caseload_average", "30 Sep 2021"): 16.3,
    ("caseload_average", "30 Sep 2022"): 16.6,
    ("caseload_average", "30 Sep 2023"): 16.0,
    ("cin_rate_per_10k", "2021-22"): 334.3,
    ("cp_rate_per_10k", "2022-23"): 43.2,
    ("cla_rate_per_10k", "2023-24"): 70.0,
    ("uasc_cla_share", "2021-22"): 7.0,
    ("cla_placed_over_20_miles", "2014-15"): 18.5,
    ("cla_placed_outside_la", "2014-15"): 37.4,
}


@pytest.fixture(scope="module")
def catalogue() -> list[dict[str, str]]:
    return read_seed(SEEDS / "kpi_catalogue.csv")


def test_catalogue_has_exactly_the_contract_kpis_in_order(catalogue):
    """The 42 KPIs of kpis.md, then those of kpis-inspection.md built so far, in each area."""
    expected_ids = [kpi for kpis in EXPECTED_KPIS.values() for kpi in kpis]
    assert len(expected_ids) == 42 + 31
    assert [row["kpi_id"] for row in catalogue] == expected_ids
    for area_order, (area, kpis) in enumerate(EXPECTED_KPIS.items(), start=1):
        rows = [row for row in catalogue if row["kpi_area"] == area]
        assert [row["kpi_id"] for row in rows] == kpis
        assert {row["area_order"] for row in rows} == {str(area_order)}
        assert [row["kpi_order"] for row in rows] == [str(i) for i in range(1, len(kpis) + 1)]


def test_catalogue_values_are_valid(catalogue):
    for row in catalogue:
        assert row["unit"] in {"count", "percent", "ratio", "rate_per_10k"}, row["kpi_id"]
        assert row["kpi_window"] in {"stock", "month", "rolling_12m", "rolling_6m"}, row["kpi_id"]
        assert row["polarity"] in {"higher_is_better", "lower_is_better", "neutral"}, row["kpi_id"]
        assert row["breakdowns"].split("|")[0] == "all", row["kpi_id"]
        assert row["kpi_name"].strip() and row["definition"].strip(), row["kpi_id"]
        assert "`" not in row["definition"], row["kpi_id"]


def test_catalogue_units_windows_and_breakdowns_follow_the_contract(catalogue):
    by_id = {row["kpi_id"]: row for row in catalogue}
    for kpi_id, (unit, window, breakdowns) in EXPECTED_SHAPES.items():
        row = by_id[kpi_id]
        assert (row["unit"], row["kpi_window"], row["breakdowns"]) == (unit, window, breakdowns), kpi_id


def test_catalogue_polarity_of_key_kpis(catalogue):
    polarity = {row["kpi_id"]: row["polarity"] for row in catalogue}
    assert polarity["rereferral_rate"] == "lower_is_better"
    assert polarity["assessment_timeliness"] == "higher_is_better"
    assert polarity["cla_stability_short"] == "lower_is_better"
    assert polarity["cla_stability_long"] == "higher_is_better"
    assert polarity["caseload_average"] == "lower_is_better"
    for kpi_id in ("referrals", "cin_children", "cp_children", "cla_children"):
        assert polarity[kpi_id] == "neutral", kpi_id


def test_england_benchmarks_are_only_those_quoted(catalogue):
    """The England series holds only the quoted figures, each with its source and year end."""
    units = {row["kpi_id"]: row["unit"] for row in catalogue}
    rows = read_seed(SEEDS / "benchmarks_england.csv")
    assert {(row["kpi_id"], row["collection_year"]): float(row["benchmark_value"]) for row in rows} == EXPECTED_ENGLAND
    assert len(rows) == len(EXPECTED_ENGLAND)
    for row in rows:
        assert row["kpi_id"] in units and row["source"].strip(), row
        year, year_end = row["collection_year"], row["year_end_date"]
        if year.startswith("30 Sep "):  # the workforce census, as at 30 September
            assert year_end == f"{year[-4:]}-09-30", row
        else:  # a census year ending 31 March: 2021-22 ends 2022-03-31
            assert year_end == f"{int(year[:4]) + 1}-03-31" and year[5:] == year_end[2:4], row
        if units[row["kpi_id"]] == "percent":
            assert 0 <= float(row["benchmark_value"]) <= 100, row



# --- seed properties -------------------------------------------------------------------------

SEED_FILES = {
    "ref_codes": REFERENCE / "ref_codes.csv",
    "ref_code_synonyms": REFERENCE / "ref_code_synonyms.csv",
    "ref_bank_holidays": REFERENCE / "ref_bank_holidays.csv",
    "ref_assessment_factor_groups": REFERENCE / "ref_assessment_factor_groups.csv",
    "ref_breakdown_bands": REFERENCE / "ref_breakdown_bands.csv",
    "annex_a_headings": REFERENCE / "annex_a_headings.csv",
    "kpi_catalogue": SEEDS / "kpi_catalogue.csv",
}


def test_seed_yaml_describes_and_types_every_column():
    config = yaml.safe_load((SEEDS / "_seeds.yml").read_text(encoding="utf-8"))
    seeds = {seed["name"]: seed for seed in config["seeds"]}
    assert set(seeds) == set(SEED_FILES)
    for name, path in SEED_FILES.items():
        with path.open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        seed = seeds[name]
        assert seed["description"].strip(), name
        described = {column["name"]: column.get("description", "") for column in seed["columns"]}
        assert list(described) == header, name
        assert all(text.strip() for text in described.values()), name
        assert set(seed["config"]["column_types"]) == set(header), name
