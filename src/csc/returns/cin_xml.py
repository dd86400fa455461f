"""The CIN census file: ``cin_census/cin_census.xml`` written from the rpt_cin_census__ models.

The models (models/marts/returns/cin_census/, docs/contracts/returns.md "CIN census") hold
the return's rows with the DfE's element names, in file order (``return_row``); this module
only nests them as the DfE's schema orders them and writes the file. An empty value leaves
its element out (the schema's optional elements, and what the landing data cannot fill); the
columns that are not elements (return_row, child_key, landing_table, landing_row_number, the
engine's numbering and the landing ids) are never written.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

SCHEMA = "returns"
MODEL_PREFIX = "rpt_cin_census__"

# Element order of the DfE's schema, per module.
COLLECTION_DETAILS = ("Collection", "Year", "ReferenceDate")
SOURCE = ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime")
CHILD_IDENTIFIERS = (
    "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate",
    "GenderCurrent", "Sex", "PersonDeathDate",
)
CHILD_CHARACTERISTICS = ("Ethnicity",)
CIN_DETAILS = (
    "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure",
    "DateOfInitialCPC",
)
ASSESSMENTS = ("AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate")
CIN_PLAN_DATES = ("CINPlanStartDate", "CINPlanEndDate")
SECTION47 = ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
CHILD_PROTECTION_PLANS = (
    "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP",
)

Row = dict[str, Any]


def write_cin_census(con: duckdb.DuckDBPyConnection, collection_year: str, out_dir: Path) -> Path:
    """Write ``out_dir/cin_census/cin_census.xml`` for ``collection_year`` (e.g. '2021-22').

    ``con`` is an open (read-only) connection to a warehouse whose returns models were built
    for that year. The file is written to a temporary file beside it and renamed, so a reader
    never sees half a file. Returns the path of the file.
    """
    tables = {name: _rows(con, name, collection_year) for name in (
        "header", "children", "cin_details", "assessments", "cin_plan_dates", "section47",
        "child_protection_plans",
    )}
    if len(tables["header"]) != 1:
        raise ValueError(
            f"{SCHEMA}.{MODEL_PREFIX}header has {len(tables['header'])} rows for collection year "
            f"{collection_year}, not one: build the returns models for that year first (csc returns --year {collection_year})"
        )
    root = _message(tables)
    ET.indent(root, space="  ")
    target = Path(out_dir) / "cin_census" / "cin_census.xml"
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".cin_census.", suffix=".xml.tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            ET.ElementTree(root).write(stream, encoding="utf-8", xml_declaration=True)
            stream.write(b"\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _rows(con: duckdb.DuckDBPyConnection, table: str, collection_year: str) -> list[Row]:
    """The rows of one rpt_cin_census__ model for the year, in return_row order."""
    cursor = con.execute(
        f'select * from {SCHEMA}."{MODEL_PREFIX}{table}" where collection_year = ? order by return_row',
        [collection_year],
    )
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _message(tables: dict[str, list[Row]]) -> ET.Element:
    root = ET.Element("Message")
    header_row = tables["header"][0]
    header = ET.SubElement(root, "Header")
    _fill(ET.SubElement(header, "CollectionDetails"), header_row, COLLECTION_DETAILS)
    _fill(ET.SubElement(header, "Source"), header_row, SOURCE)

    def by_episode(rows: list[Row]) -> dict[tuple[str, int], list[Row]]:
        grouped: dict[tuple[str, int], list[Row]] = defaultdict(list)
        for row in rows:
            grouped[(row["LAchildID"], row["CINdetailsID"])].append(row)
        return grouped

    assessments = by_episode(tables["assessments"])
    plan_dates = by_episode(tables["cin_plan_dates"])
    enquiries = by_episode(tables["section47"])
    protection_plans = by_episode(tables["child_protection_plans"])
    episodes: dict[str, list[Row]] = defaultdict(list)
    for row in tables["cin_details"]:
        episodes[row["LAchildID"]].append(row)

    children = ET.SubElement(root, "Children")
    for child_row in tables["children"]:
        child = ET.SubElement(children, "Child")
        _fill(ET.SubElement(child, "ChildIdentifiers"), child_row, CHILD_IDENTIFIERS)
        _fill(ET.SubElement(child, "ChildCharacteristics"), child_row, CHILD_CHARACTERISTICS)
        for episode_row in episodes[child_row["LAchildID"]]:
            key = (episode_row["LAchildID"], episode_row["CINdetailsID"])
            episode = ET.SubElement(child, "CINdetails")
            _fill(episode, episode_row, CIN_DETAILS)
            for row in assessments[key]:
                _fill(ET.SubElement(episode, "Assessments"), row, ASSESSMENTS)
            for row in plan_dates[key]:
                _fill(ET.SubElement(episode, "CINPlanDates"), row, CIN_PLAN_DATES)
            for row in enquiries[key]:
                _fill(ET.SubElement(episode, "Section47"), row, SECTION47)
            _fill(episode, episode_row, ("ReferralNFA",))
            for row in protection_plans[key]:
                _fill(ET.SubElement(episode, "ChildProtectionPlans"), row, CHILD_PROTECTION_PLANS)
    return root


def _fill(parent: ET.Element, row: Row, elements: tuple[str, ...]) -> None:
    """Append one child element per non-empty value of ``row``, in schema order."""
    for name in elements:
        value = row.get(name)
        if value is None or value == "":
            continue
        ET.SubElement(parent, name).text = _text(value)


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
