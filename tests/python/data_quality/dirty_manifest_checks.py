"""The fault-by-fault check of a `--dirty` synthetic extract, shared by the dirty-extract tests.

A `--dirty` extract carries `_dirty_manifest.csv`: one row per injected change (file, 1-based
data row, id, fault kind, field, raw value, `is_fault`). Each real fault (`is_fault` = Y) must
be quarantined (its row) or reported in dq_rule_failures on its row and field.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import duckdb

#: landing code columns and their code lists, to tell a generator "unknown code" that is in
#: fact a valid code (e.g. accommodation X = custody) from a real fault
CODE_LISTS = {
    "cine_referral_source_code": "referral_source", "cine_cin_primary_need_code": "primary_need",
    "cine_close_reason": "closure_reason", "cppl_cp_plan_initial_category": "category_of_abuse",
    "cppl_cp_plan_latest_category": "category_of_abuse", "clae_cla_episode_start_reason": "reason_new_episode",
    "clae_cla_primary_need_code": "primary_need", "clae_cla_episode_ceased_reason": "reason_episode_ceased",
    "lega_legal_status": "legal_status", "clap_cla_placement_type": "placement_type",
    "clap_cla_placement_change_reason": "placement_change_reason", "clah_health_check_type": "health_check_type",
    "clah_health_check_status": "health_check_status", "clea_care_leaver_eligibility": "care_leaver_eligibility",
    "clea_care_leaver_in_touch": "care_leaver_in_touch", "clea_care_leaver_accommodation": "care_leaver_accommodation",
    "clea_care_leaver_activity": "care_leaver_activity",
}


def read_manifest(landing: Path) -> list[dict[str, str]]:
    """The rows of the extract's `_dirty_manifest.csv`."""
    with (landing / "_dirty_manifest.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


#: faults that make a second fault of the same row undetectable: when the start date of a
#: row is unreadable or blank, its end cannot be compared with it (the row is still reported,
#: for the start)
_SHADOWING_KINDS = {"unparseable_date", "missing_mandatory"}


def _shadowed_faults(landing: Path, manifest: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    """(file, row, kind) of the faults another injected fault made undetectable.

    - end_before_start on a row whose start date was also made unreadable or blank;
    - overlapping_plan copied from a plan of the same child whose end was put before its
      start (the copy then overlaps nothing);
    - before_birth of a child whose date of birth was then blanked or made unreadable (the
      date of birth's own fault is still checked).
    """
    from csc.synth.dirty import INSPECTION_SPEC, SPEC

    spec = {**SPEC, **INSPECTION_SPEC}  # part 1's files and part 2's (landing-inspection.md)

    shadowing = {(f["file"], f["row_number"]) for f in manifest if f["fault_kind"] in _SHADOWING_KINDS}
    shadowed = {(f["file"], f["row_number"], f["fault_kind"]) for f in manifest
                if f["fault_kind"] == "end_before_start" and (f["file"], f["row_number"]) in shadowing}
    for file in {f["file"] for f in manifest if f["fault_kind"] == "overlapping_plan"}:
        person_column = spec[file.rsplit(".", 1)[0]]["overlap"][0]
        with (landing / file).open(newline="", encoding="utf-8") as handle:
            persons = [row.get(person_column) for row in csv.DictReader(handle)]
        ended_early = {persons[int(f["row_number"]) - 1] for f in manifest
                       if f["file"] == file and f["fault_kind"] == "end_before_start"}
        shadowed |= {(file, f["row_number"], "overlapping_plan") for f in manifest
                     if f["file"] == file and f["fault_kind"] == "overlapping_plan"
                     and persons[int(f["row_number"]) - 1] in ended_early}
    blanked = {f["id_value"] for f in manifest
               if f["file"] == "ssd_person.csv"
               and (f["fault_kind"] == "missing_mandatory"
                    or (f["fault_kind"] == "unparseable_date" and f["field"] == "pers_dob"))}
    for file in {f["file"] for f in manifest if f["fault_kind"] == "before_birth"}:
        person_column = spec[file.rsplit(".", 1)[0]]["born"][0]
        with (landing / file).open(newline="", encoding="utf-8") as handle:
            persons = [(row.get(person_column) or "").strip() for row in csv.DictReader(handle)]
        shadowed |= {(file, f["row_number"], "before_birth") for f in manifest
                     if f["file"] == file and f["fault_kind"] == "before_birth"
                     and persons[int(f["row_number"]) - 1] in blanked}
    return shadowed


def unreported_faults(con: duckdb.DuckDBPyConnection, landing: Path,
                      skip_shadowed: bool = False) -> tuple[list[dict[str, str]], Counter]:
    """The real faults of the manifest neither quarantined nor reported, and the faults checked per kind.

    skip_shadowed: leave out the faults another injected fault made undetectable
    (_shadowed_faults; small extracts of many seeds hit those combinations).
    """
    quarantined = set(con.execute("select table_name, landing_row_number from data_quality.dq_quarantine").fetchall())
    reported: dict[tuple[str, int], set[str]] = {}
    for table, row, field in con.execute(
            "select table_name, landing_row_number, field from data_quality.dq_rule_failures").fetchall():
        reported.setdefault((table, row), set()).add(field or "")
    valid_codes = {(code_list, key) for code_list, key in con.execute(
        "select code_list, lookup_key from staging.base_reference__code_lookup").fetchall()}
    manifest = read_manifest(landing)
    shadowed = _shadowed_faults(landing, manifest) if skip_shadowed else set()
    missed, checked = [], Counter()
    for fault in manifest:
        if (fault["file"], fault["row_number"], fault["fault_kind"]) in shadowed:
            continue
        if fault["is_fault"] != "Y":
            continue
        if fault["fault_kind"] == "unknown_code":
            normalised = fault["value"].strip().upper().replace(" ", "_").replace("-", "_")
            if (CODE_LISTS.get(fault["field"]), normalised) in valid_codes:
                continue  # the generator wrote a code that is valid for this field: not a fault
        table, row = fault["file"].rsplit(".", 1)[0], int(fault["row_number"])
        checked[fault["fault_kind"]] += 1
        if (table, row) in quarantined:
            continue
        if not any(fault["field"] in field for field in reported.get((table, row), ())):
            missed.append(fault)
    return missed, checked


def unbalanced_tables(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Landing tables whose rows in the file are not the rows staged plus the rows quarantined."""
    return con.execute(
        "select table_name, rows_in_file, rows_staged, rows_quarantined from data_quality.dq_reconciliation "
        "where rows_in_file <> rows_staged + rows_quarantined").fetchall()
