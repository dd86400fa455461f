"""The optional files of docs/contracts/landing-inspection.md, staged from small hand-made fixtures.

One staging build reads the minimal landing folder plus every optional file
(fixtures/landing/inspection) with a few edits for the boundaries; another reads the minimal
folder alone (no optional file supplied), one with a header-only optional file and an optional
file missing an optional column. Each dbt run costs a parse, so the cases share the builds.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from warehouse_helpers import FIXTURES, MINIMAL_LANDING, dbt, drop_column, make_paths

INSPECTION = FIXTURES / "landing" / "inspection"
OPTIONAL_FILES = {
    "ssd_contacts", "ssd_early_help_episodes", "ssd_assessment_factors", "ssd_cp_reviews",
    "ssd_cla_reviews", "ssd_missing", "ssd_immigration_status", "ssd_cla_care_plan",
    "ssd_disability", "ssd_permanence", "case_audits", "annex_a_adopters",
}


def append_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in header})


def add_column(path: Path, column: str, values: dict[str, str]) -> None:
    """Add a column to a landing CSV, valued by the row's first field (its id)."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([*rows[0], column])
        for row in rows[1:]:
            writer.writerow([*row, values.get(row[0], "")])


def stage(project_dir: Path, work: Path, landing: Path, *more: str):
    paths = make_paths(project_dir, work, landing)
    result = dbt(paths, "build", "--select", "staging", "resource_type:seed", *more, "--indirect-selection", "cautious")
    assert result.ok, "\n".join(result.output[-40:])
    return paths.db_path, "\n".join(result.output)


def query(db_path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def supplied(project_dir, tmp_path_factory):
    """Minimal folder + every optional file, with the edits the boundaries need."""
    work = tmp_path_factory.mktemp("inspection")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    for path in INSPECTION.glob("*.csv"):
        shutil.copy(path, landing / path.name)
    # an assessment whose only factor is 21 (kept), and a period of care of two children (ambiguous)
    append_rows(landing / "ssd_cin_assessments.csv", [{
        "cina_assessment_id": "A003", "cina_person_id": "P001", "cina_referral_id": "R002",
        "cina_assessment_start_date": "2021-09-01", "cina_assessment_team": "T01"}])
    append_rows(landing / "ssd_assessment_factors.csv", [{"cinf_table_id": "F006", "cinf_assessment_id": "A003",
                                                          "cinf_assessment_factors_json": '["21"]'}])
    append_rows(landing / "ssd_cla_episodes.csv", [
        {"clae_cla_episode_id": "E901", "clae_person_id": "P001", "clae_cla_episode_start_date": "2019-01-01",
         "clae_cla_episode_start_reason": "S", "clae_cla_primary_need_code": "N1", "clae_cla_id": "POCX"},
        {"clae_cla_episode_id": "E902", "clae_person_id": "P002", "clae_cla_episode_start_date": "2019-01-01",
         "clae_cla_episode_start_reason": "S", "clae_cla_primary_need_code": "N1", "clae_cla_id": "POCX"},
    ])
    append_rows(landing / "ssd_cla_placement.csv", [
        {"clap_cla_placement_id": f"PL9{n}", "clap_cla_id": "POC1", "clap_person_id": "P003",
         "clap_cla_placement_start_date": "2020-06-01", "clap_cla_placement_type": "U4"} for n in range(4)])
    add_column(landing / "ssd_cla_placement.csv", "clap_cla_placement_la", {
        "PL001": " e99999999 ", "PL002": "CON", "PL90": "WAL", "PL91": "E10000008", "PL92": "nuk", "PL93": ""})
    append_rows(landing / "ssd_legal_status.csv", [
        {"lega_legal_status_id": "L901", "lega_person_id": "P003", "lega_legal_status": "Supervision Order",
         "lega_legal_status_start_date": "2020-07-01"},
        {"lega_legal_status_id": "L902", "lega_person_id": "P003", "lega_legal_status": "ESO",
         "lega_legal_status_start_date": "2020-07-01"},
    ])
    return stage(project_dir, work, landing, "dq_rules__landing_contract")


@pytest.fixture(scope="module")
def not_supplied(project_dir, tmp_path_factory):
    """The minimal folder alone: no optional file."""
    return stage(project_dir, tmp_path_factory.mktemp("not_supplied"), MINIMAL_LANDING)


@pytest.fixture(scope="module")
def header_only(project_dir, tmp_path_factory):
    """A header-only ssd_missing.csv, and ssd_contacts.csv without its optional outcome column."""
    work = tmp_path_factory.mktemp("header_only")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    header = (INSPECTION / "ssd_missing.csv").read_text(encoding="utf-8").splitlines()[0]
    (landing / "ssd_missing.csv").write_text(header + "\n", encoding="utf-8")
    shutil.copy(INSPECTION / "ssd_contacts.csv", landing / "ssd_contacts.csv")
    drop_column(landing / "ssd_contacts.csv", "cont_contact_outcome_json")
    return stage(project_dir, work, landing)


# --- optional files -------------------------------------------------------------------------


def test_missing_optional_files_are_one_notice_and_empty_models(not_supplied):
    db, output = not_supplied
    notices = [line for line in output.splitlines() if "Notice: optional landing file(s) not supplied" in line]
    assert len(notices) == 1
    for table in OPTIONAL_FILES:
        assert table in notices[0]
    assert "cannot be loaded" not in output
    assert query(db, "select count(*) from staging.stg_ssd__contacts") == [(0,)]
    assert query(db, "select count(*) from staging.stg_ssd__assessment_factor_codes") == [(0,)]
    assert query(db, "select count(*) from staging.stg_la__case_audits") == [(0,)]
    files = dict(query(db, "select landing_table, is_supplied from staging.stg_la__landing_files"))
    assert {table for table, is_supplied in files.items() if not is_supplied} == OPTIONAL_FILES
    assert files["ssd_person"] is True and len(files) == 21 + len(OPTIONAL_FILES)
    optional = dict(query(db, "select landing_table, is_optional_file from staging.stg_la__landing_files"))
    assert {table for table, flag in optional.items() if flag} == OPTIONAL_FILES


def test_an_empty_view_has_the_declared_columns(not_supplied):
    db, _ = not_supplied
    columns = [row[0] for row in query(db, "select column_name from information_schema.columns "
                                           "where table_schema = 'landing' and table_name = 'ssd_missing' "
                                           "order by ordinal_position")]
    assert columns[0] == "miss_table_id" and columns[-1] == "landing_row_number" and len(columns) == 10


def test_header_only_optional_file_is_supplied_with_no_records(header_only):
    db, output = header_only
    assert "ssd_missing.csv has a header and no rows" in output
    notice = next(line for line in output.splitlines() if "Notice: optional landing file(s)" in line)
    assert "ssd_missing" not in notice and "ssd_contacts" not in notice
    assert query(db, "select is_supplied from staging.stg_la__landing_files where landing_table = 'ssd_missing'") == [(True,)]
    assert query(db, "select count(*) from staging.stg_ssd__missing_episodes") == [(0,)]


def test_absent_optional_column_is_recorded_and_reads_as_blank(header_only):
    db, _ = header_only
    assert query(db, "select absent_optional_columns from staging.stg_la__landing_files "
                     "where landing_table = 'ssd_contacts'") == [("cont_contact_outcome_json",)]
    assert query(db, "select count(*) from staging.stg_ssd__contact_outcome_codes") == [(0,)]
    assert query(db, "select count(*) from staging.stg_ssd__contacts") == [(5,)]


# --- code sets ------------------------------------------------------------------------------


def codes_of(db: Path, model: str, record: str, code: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for key, value in query(db, f"select {record}, {code} from staging.{model}"):
        found.setdefault(key, set()).add(value)
    return found


def test_code_sets_read_json_arrays_objects_and_delimited_text(supplied):
    db, _ = supplied
    assert codes_of(db, "stg_ssd__contact_outcome_codes", "contact_id", "contact_outcome_code") == {
        "C001": {"NEW_REFERRAL_FLAG", "NFA_FLAG"},                 # array, codes normalised
        "C002": {"NEW_REFERRAL_FLAG", "CP_ENQUIRY_FLAG"},          # object: Y and 9 selected; N, 0, false, '' not
        "C003": {"NFA_FLAG", "ADVICE_FLAG", "NOT_A_CODE"},         # ; | separated, unknown kept
    }
    unknown = query(db, "select contact_outcome_code from staging.stg_ssd__contact_outcome_codes "
                        "where not is_known_contact_outcome")
    assert unknown == [("NOT_A_CODE",)]


def test_unparseable_code_set_is_empty_and_flagged(supplied):
    db, _ = supplied
    readable = dict(query(db, "select contact_id, is_outcome_set_readable from staging.stg_ssd__contacts"))
    assert readable == {"C001": True, "C002": True, "C003": True, "C004": False, "C005": None}


def test_care_plan_codes_from_a_json_object(supplied):
    db, _ = supplied
    assert codes_of(db, "stg_ssd__cla_care_plan_codes", "cla_care_plan_id", "permanence_plan_code") == {
        "CP1": {"RETURNEV", "LTFOST18"}}


# --- assessment factors ---------------------------------------------------------------------


def test_factor_21_stands_alone_long_form_is_unioned_unknown_assessment_not_used(supplied):
    db, _ = supplied
    assert codes_of(db, "stg_ssd__assessment_factor_codes", "assessment_id", "assessment_factor_code") == {
        "A001": {"3B", "4B"},   # 21 with others in one row: dropped; F005 unreadable adds nothing
        "A002": {"1A"},         # long form: 21 (F002) unioned with 1A (F003), so 21 dropped
        "A003": {"21"},         # 21 alone: kept
    }
    flags = {row[0]: row[1:] for row in query(
        db, "select assessment_factor_record_id, is_assessment_found, is_factor_set_readable, "
            "has_no_factors_code_with_others from staging.stg_ssd__assessment_factors")}
    assert flags["F004"][0] is False and flags["F001"][0] is True
    assert flags["F005"][1] is False
    assert flags["F001"][2] and flags["F002"][2] and not flags["F006"][2]


# --- CLA reviews, placements, legal status --------------------------------------------------


def test_cla_review_person_resolution(supplied):
    db, _ = supplied
    rows = {row[0]: row[1:] for row in query(
        db, "select cla_review_id, person_id, person_source, is_cancelled from staging.stg_ssd__cla_reviews")}
    assert rows["CR1"][:2] == ("P003", "cla_id")
    assert rows["CR2"] == ("P003", "supplied", True)
    assert rows["CR3"][:2] == (None, "cla_id_not_found")
    assert rows["CR4"][:2] == (None, "cla_id_ambiguous")


def test_placement_la_inside_outside_unknown(supplied):
    db, _ = supplied
    location = dict(query(db, "select cla_placement_id, placement_la_location from staging.stg_ssd__cla_placements"))
    assert location == {"PL001": "inside", "PL002": "unknown", "PL90": "outside", "PL91": "outside",
                        "PL92": "outside", "PL93": "unknown"}


def test_only_ssda903_codes_are_ssda903_legal_statuses(supplied):
    db, _ = supplied
    rows = dict(query(db, "select legal_status_id, legal_status_code || ':' || is_ssda903_legal_status "
                          "from staging.stg_ssd__legal_statuses"))
    assert rows == {"L001": "C1:true", "L002": "C2:true", "L901": "SO:false", "L902": "ESO:false"}


# --- other tables ---------------------------------------------------------------------------


def test_missing_episode_types_and_rhi_flags(supplied):
    db, _ = supplied
    rows = {row[0]: row[1:] for row in query(
        db, "select missing_episode_id, missing_episode_type_code, is_known_missing_episode_type, "
            "is_rhi_offered, is_rhi_accepted from staging.stg_ssd__missing_episodes")}
    assert rows == {"MS1": ("M", True, True, False), "MS2": ("A", True, False, False),
                    "MS3": ("X", False, False, True)}


def test_immigration_statuses_map_ssd_descriptions(supplied):
    db, _ = supplied
    assert dict(query(db, "select immigration_status_id, immigration_status_code "
                          "from staging.stg_ssd__immigration_statuses")) == {"IM1": "UASC", "IM2": "ILR"}


def test_adoption_order_date_only_for_adoption_orders(supplied):
    db, _ = supplied
    rows = {row[0]: row[1:] for row in query(
        db, "select permanence_id, permanence_order_type_code, cast(adoption_order_date as varchar) "
            "from staging.stg_ssd__permanence")}
    assert rows == {"PM1": (None, "2020-09-01"), "PM2": ("SGO", None)}


def test_case_audit_grades_and_themes(supplied):
    db, _ = supplied
    rows = {row[0]: row[1:] for row in query(
        db, "select audit_id, audit_theme, audit_theme_code, grade_code, is_known_grade, audit_activity_code "
            "from staging.stg_la__case_audits")}
    assert rows["AU1"] == ("Voice of the child", "VOICE_OF_THE_CHILD", "GOOD", True, "ROUTINE")
    assert rows["AU2"][1:4] == ("VOICE_OF_THE_CHILD", "REQUIRES_IMPROVEMENT", True)
    assert rows["AU3"][2:4] == ("REQUIRES_IMPROVEMENT", True)      # 3 on Ofsted's scale
    assert rows["AU4"][2:4] == (None, None)
    assert rows["AU5"][2:4] == ("Excellent", False)


def test_annex_a_adopters_headings_match_as_columns(supplied):
    db, _ = supplied
    assert query(db, "select individual_adopter_identifier, cast(date_stage_1_started as varchar), children_placed "
                     "from staging.stg_la__annex_a_adopters") == [("AD1", "2021-02-01", 0)]


def test_disability_codes(supplied):
    db, _ = supplied
    assert dict(query(db, "select disability_id, disability_code || ':' || is_known_disability "
                          "from staging.stg_ssd__disabilities")) == {"D1": "NONE:true", "D2": "AUT:true", "D3": "ZZZ:false"}


# --- findings -------------------------------------------------------------------------------


def test_findings_of_the_new_tables(supplied):
    db, _ = supplied
    found = set(query(db, "select rule_id, table_name, record_id, field, value from data_quality.dq_rules__landing_contract "
                          "where table_name in ('ssd_contacts', 'ssd_assessment_factors', 'ssd_cla_reviews', "
                          "'case_audits', 'ssd_missing', 'ssd_cla_care_plan') and rule_id != 'csc_orphan_reference' "
                          "or (rule_id = 'csc_orphan_reference' and table_name = 'ssd_assessment_factors')"))
    assert found == {
        ("csc_unknown_referral_source", "ssd_contacts", "C003", "cont_contact_source_code", "ZZ"),
        ("csc_unknown_code", "ssd_contacts", "C003", "cont_contact_outcome_json", "NOT_A_CODE"),
        ("csc_unreadable_code_set", "ssd_contacts", "C004", "cont_contact_outcome_json", None),
        ("csc_unreadable_code_set", "ssd_assessment_factors", "F005", "cinf_assessment_factors_json", None),
        ("csc_orphan_reference", "ssd_assessment_factors", "F004", "cinf_assessment_id", "A999"),
        ("csc_no_factors_code_with_others", "ssd_assessment_factors", "F001", "cinf_assessment_factors_json", "A001"),
        ("csc_no_factors_code_with_others", "ssd_assessment_factors", "F002", "cinf_assessment_factors_json", "A002"),
        ("csc_no_factors_code_with_others", "ssd_assessment_factors", "F003", "cinf_assessment_factors_json", "A002"),
        ("csc_no_factors_code_with_others", "ssd_assessment_factors", "F005", "cinf_assessment_factors_json", "A001"),
        ("csc_cla_review_person_unknown", "ssd_cla_reviews", "CR3", "clar_cla_id", "NOPE"),
        ("csc_cla_review_person_unknown", "ssd_cla_reviews", "CR4", "clar_cla_id", "POCX"),
        ("csc_unknown_code", "ssd_cla_reviews", "CR2", "clar_cla_review_participation", "PN9"),
        ("csc_unknown_code", "ssd_missing", "MS3", "miss_missing_episode_type", "X"),
        ("csc_unknown_code", "ssd_missing", "MS3", "miss_missing_rhi_offered", "maybe"),
        ("csc_ungraded_audit", "case_audits", "AU4", "grade", None),
        ("csc_unknown_audit_grade", "case_audits", "AU5", "grade", "Excellent"),
    }
