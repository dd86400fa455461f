"""Write the SSDA903 return files and the returns manifest from a built warehouse.

The 903 files are the CSV files the DfE's tool (lac_validator ``run-offline``) reads: one per
return table, named as it expects, with the DfE's column names in the DfE's order and nothing
else (the tracing columns of the models - collection_year, return_row, child_key,
landing_table, landing_row_number - stay in the warehouse). Rows are written in return_row
order; dates as DD/MM/YYYY, as the tool parses them; a blank value is an empty field.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

RETURNS_SCHEMA = "returns"
SSDA903_FOLDER = "ssda903"
MANIFEST_NAME = "returns_manifest.json"


@dataclass(frozen=True)
class ReturnFile:
    """One file of the SSDA903: its name, the model it is written from, the DfE's columns."""

    name: str
    model: str
    columns: tuple[str, ...]


# The DfE's column names per file (csc-validator-be-903 config.column_names, which identifies
# a file by exactly this set of columns).
SSDA903_FILES: tuple[ReturnFile, ...] = (
    ReturnFile("header.csv", "rpt_ssda903__header",
               ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB")),
    ReturnFile("episodes.csv", "rpt_ssda903__episodes",
               ("CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN")),
    ReturnFile("reviews.csv", "rpt_ssda903__reviews", ("CHILD", "DOB", "REVIEW", "REVIEW_CODE")),
    ReturnFile("uasc.csv", "rpt_ssda903__uasc", ("CHILD", "SEX", "DOB", "DUC")),
    ReturnFile("oc2.csv", "rpt_ssda903__oc2",
               ("CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
                "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
                "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED")),
    ReturnFile("oc3.csv", "rpt_ssda903__oc3", ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM")),
    ReturnFile("ad1.csv", "rpt_ssda903__ad1",
               ("CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
                "SEX_ADOPTR", "LS_ADOPTR")),
    ReturnFile("placed_for_adoption.csv", "rpt_ssda903__placed_for_adoption",
               ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED")),
    ReturnFile("previous_permanence.csv", "rpt_ssda903__previous_permanence",
               ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM")),
    ReturnFile("missing.csv", "rpt_ssda903__missing", ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END")),
    ReturnFile("sw_episodes.csv", "rpt_ssda903__sw_episodes",
               ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON")),
)


class ReturnWriteError(RuntimeError):
    """A return table is missing from the warehouse or lacks a column the file needs."""


def _column_types(con: duckdb.DuckDBPyConnection, model: str) -> dict[str, str]:
    rows = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ?",
        [RETURNS_SCHEMA, model],
    ).fetchall()
    return {str(name): str(data_type) for name, data_type in rows}


def _select(return_file: ReturnFile, types: dict[str, str]) -> str:
    missing = [column for column in return_file.columns if column not in types]
    if not types:
        raise ReturnWriteError(f"the warehouse has no table {RETURNS_SCHEMA}.{return_file.model}; "
                               f"build the returns again (csc returns)")
    if missing:
        raise ReturnWriteError(f"{RETURNS_SCHEMA}.{return_file.model} lacks the column(s) "
                               f"{', '.join(missing)} of {return_file.name}")
    expressions = []
    for column in return_file.columns:
        quoted = f'"{column}"'
        if types[column] == "DATE":
            expressions.append(f"strftime({quoted}, '%d/%m/%Y')")
        else:
            expressions.append(f"cast({quoted} as varchar)")
    return (f"select {', '.join(expressions)} from {RETURNS_SCHEMA}.{return_file.model} "
            f"where collection_year = ? order by return_row")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_table(con: duckdb.DuckDBPyConnection, return_file: ReturnFile, collection_year: str,
                out_dir: Path) -> dict[str, object]:
    """Write one file; its row count and SHA-256."""
    query = _select(return_file, _column_types(con, return_file.model))
    rows = con.execute(query, [collection_year]).fetchall()
    path = out_dir / return_file.name
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(return_file.columns)
        writer.writerows(["" if value is None else value for value in row] for row in rows)
    return {"rows": len(rows), "sha256": sha256_of(path)}


def write_ssda903(con: duckdb.DuckDBPyConnection, collection_year: str, out_dir: Path) -> dict[str, dict[str, object]]:
    """Write every SSDA903 file into ``out_dir/ssda903``; {"ssda903/<file>": {rows, sha256}}."""
    folder = out_dir / SSDA903_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return {f"{SSDA903_FOLDER}/{item.name}": write_table(con, item, collection_year, folder)
            for item in SSDA903_FILES}


def unfilled_from_manifest(dbt_manifest: Path) -> list[str]:
    """What the landing data cannot fill, from the returns models' meta ``unfilled`` in dbt's
    manifest.json: "<file or model>: <column or table>", in model-name order."""
    if not dbt_manifest.is_file():
        return []
    nodes = json.loads(dbt_manifest.read_text(encoding="utf-8")).get("nodes", {})
    file_of = {item.model: f"{SSDA903_FOLDER}/{item.name}" for item in SSDA903_FILES}
    found: list[str] = []
    for node in sorted(nodes.values(), key=lambda n: str(n.get("name"))):
        if node.get("resource_type") != "model" or "/returns/" not in str(node.get("original_file_path")):
            continue
        meta = (node.get("config") or {}).get("meta") or node.get("meta") or {}
        where = file_of.get(node["name"], node["name"])
        found += [f"{where}: {item}" for item in meta.get("unfilled") or []]
    return found


def write_manifest(out_dir: Path, details: dict[str, object], files: dict[str, dict[str, object]],
                   unfilled: list[str]) -> Path:
    """returns_manifest.json: the year, as-at date, provisional flag, authority, files, unfilled."""
    path = out_dir / MANIFEST_NAME
    body = {**details, "files": dict(sorted(files.items())), "unfilled": unfilled}
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    return path
