"""Run one DfE rule engine on a return's files and write what it finds (README "Validating a return").

A standalone script: it runs in the DfE environment's Python (csc.returns.dfe_env), which holds
the DfE packages (lac_validator for the SSDA903, cin_validator for the CIN census) and their
pandas < 2, and imports nothing of the warehouse. Only the standard library and the engines.

    python dfe_runner.py --return ssda903 --ruleset auto --la-code E09000027 \
        --year 2021-22 --out DIR FILE...

Writes into DIR:
- ``rules.csv``: every rule of the ruleset that was run (return, ruleset, rule_code, rule_type,
  message);
- ``findings.csv``: one row per (rule, table, row of the file) the engine flagged: return,
  ruleset, rule_code, rule_type, message, engine_table, file, row_id (the engine's 0-based row),
  return_row (1-based, the row's position in the file), child_id (as the engine reports it),
  fields (the rule's affected fields, ``;``-separated), values (CIN census: ``field=value`` of
  those fields in the flagged row, as the engine read it, for the analysts' restricted list; the
  SSDA903's are read from its CSV files); return-level findings have no table;
- ``run.json``: the ruleset asked for and used (with a note when the year has none of its own),
  the engine's version, the rules that failed to run or were skipped, the rows the engine read
  per table (``table_rows``, to check against the return marts), and every network connection
  attempted (none expected: the runner refuses them all).

No network: before an engine is imported, every socket connection and name lookup in this
process is refused and recorded.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import json
import logging
import pkgutil
import re
import socket
import sys
from importlib import metadata
from pathlib import Path

ENGINES = {
    "ssda903": {"package": "lac_validator", "distribution": "csc-validator-be-903", "prefix": "lac"},
    "cin": {"package": "cin_validator", "distribution": "csc-validator-be-cin", "prefix": "cin"},
}

# The SSDA903 files of a return (the names lac_validator's run-offline expects) and the table
# each holds in the engine (it recognises a CSV by its columns).
SSDA903_TABLES = {
    "header.csv": "Header",
    "episodes.csv": "Episodes",
    "reviews.csv": "Reviews",
    "uasc.csv": "UASC",
    "oc2.csv": "OC2",
    "oc3.csv": "OC3",
    "ad1.csv": "AD1",
    "placed_for_adoption.csv": "PlacedAdoption",
    "previous_permanence.csv": "PrevPerm",
    "missing.csv": "Missing",
    "sw_episodes.csv": "SWEpisodes",
}

FINDING_COLUMNS = ["return", "ruleset", "rule_code", "rule_type", "message", "engine_table", "file",
                   "row_id", "return_row", "child_id", "fields", "values"]
RULE_COLUMNS = ["return", "ruleset", "rule_code", "rule_type", "message"]

NETWORK_ATTEMPTS: list[str] = []


class NetworkRefusedError(OSError):
    """The DfE runner never opens a network connection."""


def refuse_network() -> None:
    """Refuse (and record) every connection and name lookup made in this process from now on."""

    def refused(what: str):
        def _refuse(*args, **kwargs):
            target = args[1] if what == "connect" and len(args) > 1 else (args[0] if args else "")
            NETWORK_ATTEMPTS.append(f"{what} {target!r}")
            raise NetworkRefusedError(f"network access refused by csc dfe_runner ({what} {target!r})")
        return _refuse

    socket.socket.connect = refused("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = refused("connect")  # type: ignore[method-assign]
    socket.create_connection = refused("create_connection")  # type: ignore[assignment]
    socket.getaddrinfo = refused("getaddrinfo")  # type: ignore[assignment]


def _year_start(collection_year: str) -> int:
    match = re.fullmatch(r"(\d{4})-(\d{2})", collection_year)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise SystemExit(f"dfe_runner: --year {collection_year!r}: expected a collection year like 2021-22")
    return int(match.group(1))


def available_rulesets(return_name: str) -> list[str]:
    """The engine's rulesets (lac2022_23, ... / cin2022_23, ...), oldest first."""
    engine = ENGINES[return_name]
    rules = importlib.import_module(f"{engine['package']}.rules")
    pattern = re.compile(rf"{engine['prefix']}(\d{{4}})_(\d{{2}})")
    names = [module.name for module in pkgutil.iter_modules(rules.__path__) if pattern.fullmatch(module.name)]
    return sorted(names)


def choose_ruleset(return_name: str, collection_year: str, requested: str) -> tuple[str, str]:
    """The ruleset to run and a note: the year's own, else the nearest year's (said in the note)."""
    names = available_rulesets(return_name)
    if requested != "auto":
        if requested not in names:
            raise SystemExit(f"dfe_runner: ruleset {requested} not in the engine (has {', '.join(names)})")
        return requested, f"ruleset {requested} as asked"
    start = _year_start(collection_year)
    own = f"{ENGINES[return_name]['prefix']}{start}_{(start + 1) % 100:02d}"
    if own in names:
        return own, f"ruleset {own}: the collection year's own"
    # nearest by year; on a tie the later ruleset (the newer rules)
    nearest = min(names, key=lambda name: (abs(int(name[3:7]) - start), -int(name[3:7])))
    return nearest, (f"no {ENGINES[return_name]['prefix']} ruleset for {collection_year} in "
                     f"{ENGINES[return_name]['distribution']}; using the nearest, {nearest}")


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _fields(fields: object) -> str:
    if not fields or isinstance(fields, tuple) and fields == (None,):
        return ""
    return ";".join(str(field) for field in fields)  # type: ignore[union-attr]


def run_ssda903(registry: dict, files: list[Path], la_code: str, collection_year: str,
                ruleset: str) -> tuple[list[dict], list[dict], dict]:
    from lac_validator import lac_validator
    from lac_validator.utils import process_uploaded_files

    by_table = {}
    for path in files:
        if path.name not in SSDA903_TABLES:
            raise SystemExit(f"dfe_runner: {path}: not an SSDA903 file of the return "
                             f"(expected one of {', '.join(SSDA903_TABLES)})")
        by_table[SSDA903_TABLES[path.name]] = path.name
    uploaded = process_uploaded_files({"This year": [str(path) for path in files]})
    # lac_validator reads the year from the first four digits as the year the collection ends
    meta = {"collectionYear": str(_year_start(collection_year) + 1), "localAuthority": la_code}
    validator = lac_validator.LacValidator(metadata=meta, files=uploaded, registry=registry)
    rules = [{"return": "ssda903", "ruleset": ruleset, "rule_code": str(rule.code), "rule_type": "",
              "message": _text(rule.message)} for rule in registry.values()]
    messages = {row["rule_code"]: row for row in rules}
    fields = {str(rule.code): _fields(rule.affected_fields) for rule in registry.values()}
    findings: list[dict] = []
    for table, frame in validator.ds_results.items():
        if table == "metadata":
            continue
        for column in frame.columns:
            if not str(column).startswith("ERR_"):
                continue
            code = str(column)[4:]
            flagged = frame[frame[column] == True]  # noqa: E712 - the engine's own marker
            for row_id, child in zip(flagged.index, flagged["CHILD"]):
                findings.append({
                    "return": "ssda903", "ruleset": ruleset, "rule_code": code, "rule_type": "",
                    "message": messages.get(code, {}).get("message", ""), "engine_table": table,
                    "file": by_table.get(table, ""), "row_id": int(row_id),
                    "return_row": int(row_id) + 1, "child_id": _text(child), "fields": fields.get(code, ""),
                })
    info = {"rules_failed": sorted(validator.fails), "rules_skipped": sorted(validator.skips),
            "table_rows": {table: len(frame) for table, frame in validator.dfs.items() if table != "metadata"},
            "table_files": by_table}
    return rules, findings, info


def run_cin(registry, files: list[Path], ruleset: str) -> tuple[list[dict], list[dict], dict]:
    import xml.etree.ElementTree as ET

    from cin_validator import cin_validator

    if len(files) != 1 or files[0].suffix.lower() != ".xml":
        raise SystemExit("dfe_runner: the CIN census is one XML file (cin_census/cin_census.xml)")
    root = ET.parse(files[0]).getroot()
    data = cin_validator.process_data(cin_validator.convert_data(root))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # the engine prints a line for a rule that fails to run
        validator = cin_validator.CinValidator(data, registry)
    failed = sorted(set(re.findall(r"^Error with rule (\S+?):", printed.getvalue(), flags=re.MULTILINE)))
    rules = [{"return": "cin", "ruleset": ruleset, "rule_code": str(rule.code),
              "rule_type": rule.rule_type.value, "message": _text(rule.message)} for rule in registry.values()]
    by_code = {row["rule_code"]: row for row in rules}
    grouped: dict[tuple[str, str, int | None], dict] = {}

    def add(code: str, table: str, row_id: int | None, child: str, field: str) -> None:
        key = (code, table, row_id)
        rule = by_code.get(code, {"rule_type": "", "message": ""})
        finding = grouped.setdefault(key, {
            "return": "cin", "ruleset": ruleset, "rule_code": code, "rule_type": rule["rule_type"],
            "message": rule["message"], "engine_table": table, "file": files[0].name if table else "",
            "row_id": row_id if row_id is not None else "",
            "return_row": row_id + 1 if row_id is not None else "", "child_id": child, "fields": [],
        })
        if field and field not in finding["fields"]:
            finding["fields"].append(field)

    issues = validator.full_issue_df
    for _, issue in issues.iterrows():
        table = _text(issue.get("tables_affected"))
        row = _text(issue.get("row_id"))
        add(str(issue["rule_code"]), table, int(float(row)) if table and row else None,
            _text(issue.get("child_id")), _text(issue.get("columns_affected")))
    # multichild_issues: the Header's issues (one row, no child) first, then return-level ones
    return_level = len(validator.la_rule_issues)
    multichild = validator.multichild_issues
    header_part = multichild.iloc[:len(multichild) - return_level] if return_level else multichild
    for code in header_part["rule_code"].astype(str):
        add(code, "Header", 0, "", "")
    if return_level:
        for code in validator.la_rule_issues["rule_code"].astype(str):
            add(code, "", None, "", "")
    findings = [{**finding, "fields": ";".join(finding["fields"]),
                 "values": _cin_values(data, finding["engine_table"], finding["row_id"], finding["fields"])}
                for finding in grouped.values()]
    info = {"rules_failed": failed, "rules_skipped": [],
            "table_rows": {table: len(frame) for table, frame in data.items()},
            "table_files": {table: files[0].name for table in data}}
    return rules, findings, info


def _cin_value(value: object) -> str:
    """A value of the engine's CIN tables as text: dates DD/MM/YYYY (as the census writes them)."""
    if hasattr(value, "strftime") and _text(value):
        return value.strftime("%d/%m/%Y")  # type: ignore[union-attr]
    return _text(value)


def _cin_values(data: dict, table: str, row_id: object, fields: list[str]) -> str:
    """``field=value; ...`` of a finding's fields in the row of the engine's table it flagged."""
    frame = data.get(table)
    if frame is None or row_id == "" or row_id is None or not 0 <= int(row_id) < len(frame):
        return ""
    record = frame.iloc[int(row_id)]
    return "; ".join(f"{name}={_cin_value(record[name]) if name in record.index else ''}" for name in fields)


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--return", dest="return_name", choices=sorted(ENGINES), required=True)
    parser.add_argument("--ruleset", default="auto", help="a ruleset of the engine, or auto (the year's own, else the nearest)")
    parser.add_argument("--la-code", default="", help="the authority's code (E09000027)")
    parser.add_argument("--year", required=True, help="collection year, e.g. 2021-22")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)

    refuse_network()
    missing = [str(path) for path in args.files if not path.is_file()]
    if missing:
        raise SystemExit(f"dfe_runner: missing file(s): {', '.join(missing)}")
    args.out.mkdir(parents=True, exist_ok=True)
    log_handler = logging.FileHandler(args.out / "engine.log", mode="w", encoding="utf-8")
    logging.basicConfig(level=logging.WARNING, handlers=[log_handler], force=True)
    logging.captureWarnings(True)  # pandas' FutureWarnings from the rules go to the log, not the screen

    engine = ENGINES[args.return_name]
    ruleset, note = choose_ruleset(args.return_name, args.year, args.ruleset)
    print(f"{args.return_name}: {note}", flush=True)
    registry = importlib.import_module(f"{engine['package']}.rules.{ruleset}").registry
    logging.getLogger().setLevel(logging.WARNING)  # lac_validator sets INFO on import
    logging.getLogger().handlers = [log_handler]
    if args.return_name == "ssda903":
        rules, findings, info = run_ssda903(registry, args.files, args.la_code, args.year, ruleset)
    else:
        rules, findings, info = run_cin(registry, args.files, ruleset)
    _write_csv(args.out / "rules.csv", RULE_COLUMNS, rules)
    _write_csv(args.out / "findings.csv", FINDING_COLUMNS, findings)
    run = {
        "return": args.return_name,
        "collection_year": args.year,
        "ruleset_requested": args.ruleset,
        "ruleset": ruleset,
        "ruleset_note": note,
        "engine": engine["distribution"],
        "engine_version": metadata.version(engine["distribution"]),
        "rules_run": len(rules),
        "findings": len(findings),
        **info,
        "network_attempts": list(NETWORK_ATTEMPTS),
    }
    (args.out / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    print(f"{args.return_name}: {len(rules)} rules run, {len(findings)} findings, "
          f"{len(info['rules_failed'])} rule(s) failed to run", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
