"""Bad records never stop the month (issue 10): each is a finding, and no figure changes silently.

Two warehouses are built from the hand-made landing folder plus the same extra records:
- `bad`: each extra record carries one value the warehouse cannot use (an assessment start
  in 1850, a time of 25:00, a caseload of 12.7 or 99999999999999999999, an FTE of -5 or 5, a
  date of birth in 1900 or after the extract, accommodation code A1, ...);
- `reference`: the same records with what the contract reads instead of that value (a blank
  date, a blank caseload, no HR row, no professional row, a blank accommodation code).
The bad build must succeed, report each value with a message naming the figures the record
leaves, and give exactly the reference build's KPI values. Both folders name only four teams
of which three are missing from team_structure (the analogue of 27 of 34 teams).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from csc.paths import WarehousePaths, find_project_dir
from warehouse_helpers import MINIMAL_LANDING, dbt, make_paths

pytestmark = pytest.mark.slow

#: (file, bad row, reference row or None for "no such row"): one row per case
CASES: list[tuple[str, dict[str, str], dict[str, str] | None]] = [
    # assessment start outside the calendar, authorised: in assessments_completed only
    ("ssd_cin_assessments", {"cina_assessment_id": "A900", "cina_person_id": "P001", "cina_referral_id": "R002",
                             "cina_assessment_start_date": "1850-03-01", "cina_assessment_auth_date": "2021-10-04",
                             "cina_assessment_child_seen": "Y", "cina_assessment_outcome_nfa": "N",
                             "cina_assessment_team": "T01"},
     {"cina_assessment_start_date": ""}),
    # assessment start outside the calendar, still open: not in assessments_overdue
    ("ssd_cin_assessments", {"cina_assessment_id": "A901", "cina_person_id": "P002", "cina_referral_id": "R003",
                             "cina_assessment_start_date": "1850-03-01", "cina_assessment_team": "T02"},
     {"cina_assessment_start_date": ""}),
    # a 1999 start is inside the calendar now: an ordinary open, overdue assessment
    ("ssd_cin_assessments", {"cina_assessment_id": "A902", "cina_person_id": "P002", "cina_referral_id": "R003",
                             "cina_assessment_start_date": "1999-06-01", "cina_assessment_team": "T02"}, {}),
    # impossible times: unparseable dates (read as blank)
    ("ssd_cin_assessments", {"cina_assessment_id": "A903", "cina_person_id": "P001", "cina_referral_id": "R002",
                             "cina_assessment_start_date": "2021-03-01", "cina_assessment_auth_date": "2021-04-30 25:00",
                             "cina_assessment_team": "T01"},
     {"cina_assessment_auth_date": ""}),
    ("ssd_cin_assessments", {"cina_assessment_id": "A904", "cina_person_id": "P001", "cina_referral_id": "R002",
                             "cina_assessment_start_date": "2021-04-30T10:61", "cina_assessment_auth_date": "2021-06-01",
                             "cina_assessment_team": "T01"},
     {"cina_assessment_start_date": ""}),
    # a valid time is still dropped
    ("ssd_cin_assessments", {"cina_assessment_id": "A905", "cina_person_id": "P001", "cina_referral_id": "R002",
                             "cina_assessment_start_date": "2021-05-04T09:30:15", "cina_assessment_auth_date": "2021-06-01 23:59",
                             "cina_assessment_team": "T01"},
     {"cina_assessment_start_date": "2021-05-04", "cina_assessment_auth_date": "2021-06-01"}),
    # a budgeted FTE of -5: the row leaves the establishment sums
    ("hr_establishment", {"as_at_date": "2021-09-30", "role": "Social Worker", "budgeted_fte": "-5",
                          "permanent_fte": "0", "fixed_term_fte": "0", "agency_fte": "0", "vacancy_fte": "0"}, None),
    # a social worker with FTE 5 holding a case: leaves caseload_average like a missing worker
    ("ssd_professionals", {"prof_professional_id": "W90", "prof_professional_job_title": "Social Worker",
                           "prof_professional_department": "T01", "prof_full_time_equivalency": "5",
                           "prof_agency_worker_flag": "N", "prof_professional_caseload": "3"}, None),
    ("ssd_involvements", {"invo_involvements_id": "INV900", "invo_professional_id": "W90",
                          "invo_professional_team": "T01", "invo_involvement_start_date": "2021-10-01",
                          "invo_person_id": "P001", "invo_referral_id": "R002"}, {}),
    # caseloads that are not a whole number, or too large for any integer type
    ("ssd_professionals", {"prof_professional_id": "W91", "prof_professional_job_title": "Personal Adviser",
                           "prof_professional_department": "T04", "prof_full_time_equivalency": "1",
                           "prof_agency_worker_flag": "N", "prof_professional_caseload": "12.7"},
     {"prof_professional_caseload": ""}),
    ("ssd_professionals", {"prof_professional_id": "W92", "prof_professional_job_title": "Personal Adviser",
                           "prof_professional_department": "T04", "prof_full_time_equivalency": "1",
                           "prof_agency_worker_flag": "N", "prof_professional_caseload": "99999999999999999999"},
     {"prof_professional_caseload": ""}),
    # a looked-after child with a date of birth after the extract: without the fix the
    # negative age counts as "under 16" in cla_stability_long
    ("ssd_person", {"pers_person_id": "P900", "pers_sex": "F", "pers_ethnicity": "WBRI", "pers_dob": "2022-05-01"},
     {"pers_dob": ""}),
    ("ssd_cla_episodes", {"clae_cla_episode_id": "E900", "clae_person_id": "P900",
                          "clae_cla_episode_start_date": "2018-01-10", "clae_cla_episode_start_reason": "S",
                          "clae_cla_primary_need_code": "N1", "clae_cla_id": "POC900"}, {}),
    ("ssd_legal_status", {"lega_legal_status_id": "L900", "lega_person_id": "P900", "lega_legal_status": "C2",
                          "lega_legal_status_start_date": "2018-01-10"}, {}),
    ("ssd_cla_placement", {"clap_cla_placement_id": "PL900", "clap_cla_id": "POC900", "clap_person_id": "P900",
                           "clap_cla_placement_start_date": "2018-01-10", "clap_cla_placement_type": "U4"}, {}),
    # a date of birth of 1900-01-01
    ("ssd_person", {"pers_person_id": "P901", "pers_sex": "M", "pers_ethnicity": "WBRI", "pers_dob": "1900-01-01"},
     {"pers_dob": ""}),
    # a care leaver with a blank suitability flag and accommodation code A1 (A is not a type letter)
    ("ssd_person", {"pers_person_id": "P902", "pers_sex": "F", "pers_ethnicity": "WBRI", "pers_dob": "2003-01-01"}, {}),
    ("ssd_care_leavers", {"clea_table_id": "CL900", "clea_person_id": "P902", "extract_date": "2021-10-20",
                          "clea_care_leaver_eligibility": "RELEVANT", "clea_care_leaver_in_touch": "YES",
                          "clea_care_leaver_accommodation": "A1", "clea_care_leaver_accom_suitable": "",
                          "clea_care_leaver_activity": "F2", "clea_care_leaver_personal_advisor": "Y"},
     {"clea_care_leaver_accommodation": ""}),
]
#: teams left in team_structure: T01, T02 and T03 are missing (3 of the 4 teams records use)
KEPT_TEAMS = {"T04"}


def _landing(work: Path, reference: bool) -> Path:
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    for file, bad, clean in CASES:
        if reference and clean is None:
            continue
        row = {**bad, **(clean or {})} if reference else bad
        path = landing / f"{file}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        with path.open("a", newline="", encoding="utf-8") as handle:
            csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerow(row)
    structure = landing / "team_structure.csv"
    with structure.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with structure.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([rows[0]] + [r for r in rows[1:] if r[0] in KEPT_TEAMS])
    return landing


def _build(tmp_path_factory, name: str, reference: bool) -> WarehousePaths:
    work = tmp_path_factory.mktemp(name)
    paths = make_paths(find_project_dir(), work, _landing(work, reference))
    result = dbt(paths, "build")
    assert result.ok, f"dbt build of the {name} folder failed:\n" + "\n".join(result.output[-40:])
    return paths


@pytest.fixture(scope="module")
def bad_paths(tmp_path_factory) -> WarehousePaths:
    return _build(tmp_path_factory, "bad_records", reference=False)


@pytest.fixture(scope="module")
def bad(bad_paths):
    with duckdb.connect(str(bad_paths.db_path), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    paths = _build(tmp_path_factory, "reference_records", reference=True)
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        yield con


def _findings(con, rule_id: str, table: str) -> list[tuple]:
    return con.execute(
        "select record_id, field, value, message from data_quality.dq_rule_failures "
        "where rule_id = ? and table_name = ? order by record_id, field", [rule_id, table]).fetchall()


def _kpi(con, kpi_id: str, period_end: str) -> tuple:
    return con.execute(
        "select numerator, denominator, value from marts.fct_kpi_values "
        "where kpi_id = ? and breakdown = 'all' and period_end = cast(? as date)", [kpi_id, period_end]).fetchone()


def test_every_kpi_value_is_the_reference_value(bad, reference):
    """No figure changes silently: every bad value gives what the contract gives without it."""
    query = "select kpi_id, period_end, breakdown, breakdown_value, numerator, denominator, value " \
            "from marts.fct_kpi_values order by all"
    bad_rows, reference_rows = bad.execute(query).fetchall(), reference.execute(query).fetchall()
    assert len(bad_rows) == len(reference_rows)
    assert [r for r in bad_rows if r not in set(reference_rows)] == []


def test_assessment_start_outside_the_calendar_is_a_finding_and_excluded(bad, reference):
    findings = {r[0]: r for r in _findings(bad, "csc_date_outside_calendar", "ssd_cin_assessments")}
    assert set(findings) == {"A900", "A901"}
    for record_id in ("A900", "A901"):
        _, field, value, message = findings[record_id]
        assert (field, value) == ("cina_assessment_start_date", "1850-03-01")
        assert message == ("cina_assessment_start_date 1850-03-01 is outside the working-day calendar "
                           "(1900-01-01 to 2099-12-31): the assessment is excluded from assessments_overdue "
                           "and assessment_timeliness")
    reasons = dict(bad.execute("select assessment_id, timeliness_exclusion_reason from marts.fct_assessments "
                               "where assessment_id in ('A900', 'A901')").fetchall())
    assert reasons == {"A900": "date_outside_working_day_calendar", "A901": None}
    # A900 still counts as completed; A901 is not overdue. Overdue at the extract: the 1999
    # start (A902, an ordinary date now) and A903 (its 25:00 authorisation reads as blank)
    assert _kpi(bad, "assessments_completed", "2021-10-20") == _kpi(reference, "assessments_completed", "2021-10-20")
    assert _kpi(bad, "assessments_completed", "2021-10-20")[0] == 2
    assert _kpi(bad, "assessments_overdue", "2021-10-20")[0] == 2
    assert _kpi(bad, "assessments_overdue", "2021-10-20") == _kpi(reference, "assessments_overdue", "2021-10-20")
    assert _kpi(bad, "assessment_timeliness", "2021-10-20")[:2] == (1, 1)


def test_impossible_times_are_unparseable_and_valid_times_dropped(bad):
    findings = {(r[0], r[1]): r for r in _findings(bad, "csc_unparseable_date", "ssd_cin_assessments")}
    assert findings[("A903", "cina_assessment_auth_date")][3] == (
        "The value '2021-04-30 25:00' of cina_assessment_auth_date cannot be read; it is treated as blank")
    assert findings[("A904", "cina_assessment_start_date")][3] == (
        "The value '2021-04-30T10:61' of cina_assessment_start_date cannot be read; it is treated as blank")
    assert not any(record_id == "A905" for record_id, _ in findings)
    dates = bad.execute("select assessment_id, assessment_start_date, assessment_auth_date from staging.stg_ssd__cin_assessments "
                        "where assessment_id in ('A903', 'A904', 'A905') order by 1").fetchall()
    assert [(a, str(s) if s else None, str(e) if e else None) for a, s, e in dates] == [
        ("A903", "2021-03-01", None), ("A904", None, "2021-06-01"), ("A905", "2021-05-04", "2021-06-01")]


def test_negative_establishment_fte_is_a_finding_and_not_summed(bad, reference):
    findings = _findings(bad, "csc_fte_out_of_range", "hr_establishment")
    assert findings == [(None, "budgeted_fte", "-5.0",
                         "budgeted_fte -5.0 is negative: the row is excluded from establishment_fte, vacancy_rate, "
                         "permanent_rate, agency_rate, agency_rate_dfe and vacancy_rate_dfe of the 2021-09-30 return")]
    # the minimal fixture's return: Social Worker 10 + Team Manager 2 budgeted FTE
    assert _kpi(bad, "establishment_fte", "2021-10-20")[0] == 12
    assert _kpi(bad, "establishment_fte", "2021-10-20") == _kpi(reference, "establishment_fte", "2021-10-20")
    assert _kpi(bad, "vacancy_rate", "2021-10-20") == _kpi(reference, "vacancy_rate", "2021-10-20")


def test_absurd_worker_fte_leaves_caseload_average(bad, reference):
    findings = _findings(bad, "csc_fte_out_of_range", "ssd_professionals")
    assert [(r[0], r[3]) for r in findings] == [
        ("W90", "FTE 5.0 is outside 0 to 1.5: it is not used, and the worker is excluded from caseload_average "
                "(numerator and denominator)")]
    assert _kpi(bad, "caseload_average", "2021-10-20") == _kpi(reference, "caseload_average", "2021-10-20")
    assert bad.execute("select count(*) from marts.fct_workforce_caseloads where professional_id = 'W90'").fetchone() == (0,)


def test_caseload_that_is_not_a_whole_number_is_not_rounded(bad):
    findings = _findings(bad, "csc_not_whole_number", "ssd_professionals")
    assert findings == [("W91", "prof_professional_caseload", "12.7",
                         "Caseload 12.7 is not a whole number of cases: it is not used and not rounded "
                         "(recorded_caseload is left blank; caseload_average counts involvements, not this figure)")]
    caseloads = dict(bad.execute("select professional_id, recorded_caseload from intermediate.int_workforce_professionals "
                                 "where professional_id in ('W01', 'W91', 'W92')").fetchall())
    assert caseloads == {"W01": 2, "W91": None, "W92": None}


def test_caseload_too_large_for_an_integer_is_a_finding_not_an_error(bad):
    findings = _findings(bad, "csc_caseload_out_of_range", "ssd_professionals")
    assert findings == [("W92", "prof_professional_caseload", "1e+20",
                         "Caseload 1e+20 is above 100 (var max_recorded_caseload): it is not used "
                         "(recorded_caseload is left blank; caseload_average counts involvements, not this figure)")]


def test_implausible_birth_dates_are_findings_without_the_date(bad, reference):
    rows = bad.execute("select rule_id, severity, child_key, value, message from data_quality.dq_rule_failures "
                       "where rule_id in ('csc_birth_date_after_extract', 'csc_implausible_birth_date') "
                       "order by rule_id").fetchall()
    keys = dict(bad.execute("select person_id, child_key from staging.stg_ssd__persons "
                            "where person_id in ('P900', 'P901')").fetchall())
    assert [row[:4] for row in rows] == [("csc_birth_date_after_extract", "error", keys["P900"], None),
                                         ("csc_implausible_birth_date", "query", keys["P901"], None)]
    assert rows[0][4] == (
        "pers_dob is after the extract date (the date is not shown): it is not used, so the child is excluded "
        "from every age-based population (cla_stability_long and the care-leaver cohort of care_leavers_in_touch, "
        "care_leavers_suitable_accommodation, care_leavers_eet, care_leavers_pathway_plan_current and "
        "care_leavers_with_pa)")
    assert rows[1][4] == (
        "pers_dob is more than 25 years before the extract date (the date is not shown): check it; it is still "
        "used, and at that age the person is in no age-based population at the extract")
    for row in rows:
        assert "2022" not in row[4] and "1900" not in row[4]
    # the child born "after the extract" is looked after, but not in cla_stability_long
    assert _kpi(bad, "cla_stability_long", "2021-10-20") == _kpi(reference, "cla_stability_long", "2021-10-20")
    assert _kpi(bad, "cla_children", "2021-10-20")[0] == _kpi(reference, "cla_children", "2021-10-20")[0] >= 1


def test_accommodation_a1_reads_as_unknown_suitability(bad, reference):
    suitable = bad.execute("select is_suitably_accommodated from intermediate.int_care_leaver_states "
                           "where extract_date = date '2021-10-20' and accommodation_code = 'A1'").fetchall()
    assert suitable == [(False,)]
    kpi = _kpi(bad, "care_leavers_suitable_accommodation", "2021-10-20")
    assert kpi == _kpi(reference, "care_leavers_suitable_accommodation", "2021-10-20")
    assert kpi[:2] == (1, 2)  # P003 (U1, flag Y) suitable; P902 (A1, blank flag) not


def test_teams_missing_from_team_structure_are_findings_and_a_build_warning(bad, bad_paths):
    uses = dict(bad.execute(
        "select team_id, count(*) from (select referral_team_id as team_id from staging.stg_ssd__cin_episodes "
        "union all select assessment_team_id from staging.stg_ssd__cin_assessments "
        "union all select cin_plan_team_id from staging.stg_ssd__cin_plans "
        "union all select s47_team_id from staging.stg_ssd__s47_enquiries "
        "union all select icpc_team_id from staging.stg_ssd__initial_cp_conferences "
        "union all select team_id from staging.stg_ssd__professionals) where team_id is not null group by all").fetchall())
    missing = {team: n for team, n in uses.items() if team not in KEPT_TEAMS}
    assert {"T01", "T02"} <= set(missing)
    findings = bad.execute("select value, message from data_quality.dq_rule_failures "
                           "where rule_id = 'csc_team_not_in_team_structure'").fetchall()
    assert {value for value, _ in findings} == set(missing)
    for team, message in findings:
        assert message.startswith(f"Team {team} is not in team_structure: {missing[team]} records use it (")
        assert message.endswith(") and show under locality and service unknown")
    warnings = bad.execute("select warning_id, affected_records, total_records, warning "
                           "from data_quality.dq_build_warnings").fetchall()
    affected, total = sum(missing.values()), sum(uses.values())
    assert [(w[0], w[1], w[2]) for w in warnings] == [("unknown_team_share", affected, total)]
    assert warnings[0][3].startswith(f"{affected} of {total} records with a team (")
    assert "var unknown_team_warning_share" in warnings[0][3]
    # the locality breakdown shows them as unknown, as the contract says
    localities = {v for (v,) in bad.execute("select distinct breakdown_value from marts.fct_kpi_values "
                                            "where kpi_id = 'referrals' and breakdown = 'locality'").fetchall()}
    assert "unknown" in localities


def test_build_warning_threshold_is_a_var(bad_paths, tmp_path):
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(bad_paths.db_path, copy)
    paths = WarehousePaths(project_dir=bad_paths.project_dir, db_path=copy, landing_dir=bad_paths.landing_dir,
                           target_dir=tmp_path / "target")
    result = dbt(paths, "run", "--select", "dq_build_warnings", "--vars", "{unknown_team_warning_share: 0.99}")
    assert result.ok, "\n".join(result.output[-20:])
    with duckdb.connect(str(copy), read_only=True) as con:
        assert con.execute("select count(*) from data_quality.dq_build_warnings").fetchone() == (0,)
