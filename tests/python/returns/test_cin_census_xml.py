"""The CIN census file (csc.returns.cin_xml) from a small synthetic warehouse.

The landing folder is the hand-made minimal one with its CIN tables replaced by the rows
below (collection year 2021-22, extract date 2021-10-20, so the return is provisional and
as at the extract date). Only the CIN census models and what they read are built.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pytest

from csc.returns.cin_xml import write_cin_census
from warehouse_helpers import MINIMAL_LANDING, dbt, make_paths

pytestmark = pytest.mark.slow

LANDING = {
    "extract_manifest.csv": """la_code,la_name,extract_date,child_population
999,Fictional County Council,2021-10-20,1000
""",
    "ssd_person.csv": """pers_person_id,pers_sex,pers_ethnicity,pers_dob,pers_death_date,pers_forename,pers_surname,pers_common_child_id
P002,M,WBRI,2008-02-29,,Bobforename,Bobsurname,9990000002
P001,F,AIND,2012-03-04,,Aliceforename,Alicesurname,9990000001
P003,U,MWBC,2015-07-15,,Carlforename,Carlsurname,9990000003
""",
    "ssd_cin_episodes.csv": """cine_referral_id,cine_person_id,cine_referral_date,cine_cin_primary_need_code,cine_referral_source_code,cine_referral_nfa,cine_close_reason,cine_close_date,cine_referral_team,cine_referral_worker_id
R001,P001,2020-10-20,N1,1A,N,RC7,2021-04-01,T01,W01
R002,P001,2021-05-03,N2,2A,N,,,T01,W01
R003,P002,2021-06-01,N1,6,N,,,T02,W02
R004,P003,2020-01-10,N4,3A,N,RC7,2021-03-31,T02,W02
R005,P003,2021-07-01,N5,1C,Y,RC8,2021-07-01,T02,W02
""",
    "ssd_cin_assessments.csv": """cina_assessment_id,cina_person_id,cina_referral_id,cina_assessment_start_date,cina_assessment_child_seen,cina_assessment_auth_date,cina_assessment_outcome_nfa,cina_assessment_team,cina_assessment_worker_id
A001,P001,R002,2021-05-04,Y,2021-06-30,N,T01,W01
A002,P002,R003,2021-06-02,Y,,N,T02,W02
""",
    "ssd_cin_plans.csv": """cinp_cin_plan_id,cinp_referral_id,cinp_person_id,cinp_cin_plan_start_date,cinp_cin_plan_end_date,cinp_cin_plan_team,cinp_cin_plan_worker_id
CP001,R002,P001,2021-07-01,,T01,W01
""",
    "ssd_s47_enquiry.csv": """s47e_s47_enquiry_id,s47e_referral_id,s47e_person_id,s47e_s47_start_date,s47e_s47_end_date,s47e_s47_nfa,s47e_s47_completed_by_team,s47e_s47_completed_by_worker_id
S001,R003,P002,2021-06-03,2021-06-24,N,T02,W02
""",
    "ssd_initial_cp_conference.csv": """icpc_icpc_id,icpc_s47_enquiry_id,icpc_person_id,icpc_cp_plan_id,icpc_referral_id,icpc_icpc_transfer_in,icpc_icpc_target_date,icpc_icpc_date,icpc_icpc_outcome_cp_flag,icpc_icpc_team,icpc_icpc_worker_id
I001,S001,P002,CPP001,R003,N,2021-06-24,2021-06-24,Y,T02,W02
""",
    "ssd_cp_plans.csv": """cppl_cp_plan_id,cppl_referral_id,cppl_icpc_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_latest_category
CPP000,R000,,P002,2019-01-07,2019-09-02,PHY,PHY
CPP001,R003,I001,P002,2021-06-24,,Neglect,Emotional Abuse
""",
}

# Values that identify a person and must never reach the file (names, NHS-like ids,
# the placement postcode of the minimal landing folder).
IDENTIFYING = ["forename", "surname", "999000000", "EX1 1AA", "EX1"]


@pytest.fixture(scope="module")
def census(project_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(warehouse, XML file) built from the landing folder above."""
    work = tmp_path_factory.mktemp("cin_census")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    for name, text in LANDING.items():
        (landing / name).write_text(text, encoding="utf-8")
    paths = make_paths(project_dir, work, landing)
    # cautious: a test that also reads a model outside the selection (e.g. Annex A's) is not run
    result = dbt(paths, "build", "--select", "+models/marts/returns/cin_census", "--indirect-selection", "cautious")
    assert result.ok, "\n".join(result.output[-60:])
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        written = write_cin_census(con, "2021-22", work / "out")
    return paths.db_path, written


def children_by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {child.findtext("ChildIdentifiers/LAchildID"): child for child in root.iter("Child")}


def test_the_file_is_written_where_csc_returns_expects_it_and_nothing_else(census) -> None:
    _, written = census
    assert written.name == "cin_census.xml" and written.parent.name == "cin_census"
    assert [path.name for path in written.parent.iterdir()] == ["cin_census.xml"]


def test_the_header_names_the_collection_year_and_authority(census) -> None:
    root = ET.parse(census[1]).getroot()
    assert root.tag == "Message" and [element.tag for element in root] == ["Header", "Children"]
    assert {element.tag: element.text for element in root.find("Header/CollectionDetails")} == {
        "Collection": "CIN", "Year": "2022", "ReferenceDate": "2022-03-31",
    }
    source = root.find("Header/Source")
    assert source.findtext("SourceLevel") == "L"
    assert source.findtext("LEA") == "999"
    assert source.findtext("DateTime") == "2021-10-20T00:00:00"


def test_children_in_id_order_with_their_identifiers(census) -> None:
    root = ET.parse(census[1]).getroot()
    children = children_by_id(root)
    assert list(children) == ["P001", "P002", "P003"]
    alice = children["P001"]
    assert [(e.tag, e.text) for e in alice.find("ChildIdentifiers")] == [
        ("LAchildID", "P001"), ("PersonBirthDate", "2012-03-04"), ("GenderCurrent", "2"),
    ]
    assert [(e.tag, e.text) for e in alice.find("ChildCharacteristics")] == [("Ethnicity", "AIND")]
    assert children["P002"].findtext("ChildIdentifiers/GenderCurrent") == "1"
    assert children["P003"].findtext("ChildIdentifiers/GenderCurrent") == "0"


def test_episodes_of_the_year_only(census) -> None:
    """R001 closed on 1 April is in; R004 closed on 31 March of the year before is not."""
    children = children_by_id(ET.parse(census[1]).getroot())
    assert [e.findtext("CINreferralDate") for e in children["P001"].findall("CINdetails")] == [
        "2020-10-20", "2021-05-03",
    ]
    first = children["P001"].find("CINdetails")
    assert (first.findtext("CINclosureDate"), first.findtext("ReasonForClosure")) == ("2021-04-01", "RC7")
    carl = children["P003"].findall("CINdetails")
    assert [(e.findtext("CINreferralDate"), e.findtext("ReferralNFA")) for e in carl] == [("2021-07-01", "1")]


def test_modules_nest_under_their_episode_in_schema_order(census) -> None:
    children = children_by_id(ET.parse(census[1]).getroot())
    episode = children["P002"].find("CINdetails")
    assert [e.tag for e in episode] == [
        "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "Assessments", "Section47",
        "ReferralNFA", "ChildProtectionPlans",
    ]
    assert [(e.tag, e.text) for e in episode.find("Assessments")] == [("AssessmentActualStartDate", "2021-06-02")]
    assert [(e.tag, e.text) for e in episode.find("Section47")] == [
        ("S47ActualStartDate", "2021-06-03"), ("InitialCPCtarget", "2021-06-24"),
        ("DateOfInitialCPC", "2021-06-24"), ("ICPCnotRequired", "0"),
    ]
    assert [(e.tag, e.text) for e in episode.find("ChildProtectionPlans")] == [
        ("CPPstartDate", "2021-06-24"), ("InitialCategoryOfAbuse", "NEG"), ("LatestCategoryOfAbuse", "EMO"),
        ("NumberOfPreviousCPP", "1"),
    ]
    plan_episode = children["P001"].findall("CINdetails")[1]
    assert [e.tag for e in plan_episode] == [
        "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "Assessments", "CINPlanDates", "ReferralNFA",
    ]
    assert plan_episode.findtext("Assessments/AssessmentAuthorisationDate") == "2021-06-30"
    assert plan_episode.findtext("CINPlanDates/CINPlanStartDate") == "2021-07-01"


def test_return_row_is_the_position_in_the_file(census) -> None:
    """The DfE engine reads each module into a table in document order: row = return_row - 1."""
    db_path, written = census
    root = ET.parse(written).getroot()
    with duckdb.connect(str(db_path), read_only=True) as con:
        for table, element, column in (
            ("children", "ChildIdentifiers", "LAchildID"),
            ("cin_details", "CINdetails", "CINreferralDate"),
            ("assessments", "Assessments", "AssessmentActualStartDate"),
        ):
            rows = con.execute(
                f'select return_row, cast("{column}" as varchar) from returns.rpt_cin_census__{table} order by return_row'
            ).fetchall()
            in_file = [module.findtext(column) for module in root.iter(element)]
            assert [value for _, value in rows] == in_file
            assert [row for row, _ in rows] == list(range(1, len(in_file) + 1))


def test_no_names_nhs_numbers_or_postcodes(census) -> None:
    text = census[1].read_text(encoding="utf-8")
    assert [value for value in IDENTIFYING if value.lower() in text.lower()] == []


def test_the_models_hold_no_names_nhs_numbers_or_postcodes(census) -> None:
    """The returns schema is restricted (child ids and dates of birth), but holds nothing else
    that identifies a child, as column or as value."""
    db_path, _ = census
    with duckdb.connect(str(db_path), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'returns' and table_name like 'rpt_cin_census__%'"
        ).fetchall()
        assert len({table for table, _, _ in columns}) == 7
        named = [f"{t}.{c}" for t, c, _ in columns
                 if re.search(r"name|nhs|common_child|postcode|post_code|address", c, re.IGNORECASE)]
        pattern = "|".join(re.escape(value) for value in IDENTIFYING)
        hits = [f"{t}.{c}" for t, c, d in columns if d.upper().startswith("VARCHAR") and con.execute(
            f'select count(*) from returns."{t}" where regexp_matches(lower("{c}"), ?)', [pattern.lower()]
        ).fetchall()[0][0]]
    assert named == [] and hits == []


def test_a_year_not_built_is_refused(census, tmp_path: Path) -> None:
    db_path, _ = census
    with duckdb.connect(str(db_path), read_only=True) as con, pytest.raises(ValueError, match="2020-21"):
        write_cin_census(con, "2020-21", tmp_path)
    assert not (tmp_path / "cin_census" / "cin_census.xml").exists()
