"""``csc validate``: the DfE's own rule engines on the returns ``csc returns`` wrote (README
"Validating a return").

1. The returns folder (``build/returns/<year>/``) is checked against its
   ``returns_manifest.json``: every file listed is there with the sha256 the manifest gives.
   A changed file is refused: the findings are traced back to the warehouse through the rows
   of the files, which only holds for the files as written.
2. Each engine runs in the DfE environment (csc.returns.dfe_env) through the standalone
   ``dfe_runner.py``, with no network: every rule of the year's ruleset (or the nearest, said).
   Its raw output stays in ``<returns>/validation/<return>/`` (restricted, like the files).
3. Under the warehouse lock the findings are resolved to the trace columns by joining (return
   table, row of the file) to the return marts' ``return_row`` (``child_key``,
   ``landing_table``, ``landing_row_number``; the marts and the files must have the same rows,
   else the run is refused), loaded into schema ``dfe_validation`` (one (return, year)
   replaced at a time), and ``dbt build`` makes ``dq_dfe_findings`` and
   ``dq_dfe_rule_summary``.
4. The analysts' list, with the child's own id from the files, is written to
   ``<returns>/findings/RESTRICTED_dfe_findings_<year>.csv``.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from csc.build import build_warehouse
from csc.dbt_runner import run_dbt
from csc.paths import WarehousePaths
from csc.returns.dfe_env import DfeEnvironment
from csc.returns.writer import sha256_of

MANIFEST_NAME = "returns_manifest.json"
RUNNER = Path(__file__).with_name("dfe_runner.py")
RETURN_FOLDERS = {"ssda903": "ssda903", "cin": "cin_census"}
MART_PREFIXES = {"ssda903": "rpt_ssda903__", "cin": "rpt_cin_census__"}
RETURNS_SCHEMA = "returns"
SCHEMA = "dfe_validation"
TRACE_COLUMNS = ("child_key", "landing_table", "landing_row_number")
# CIN census tables the engine makes from one module of the file, and the mart holding its rows
# (one row per child: the child's identifiers and characteristics); the others match by name.
CIN_MART_OF = {"ChildIdentifiers": "children", "ChildCharacteristics": "children"}
FINDINGS_FOLDER = "findings"

Echo = Callable[[str], None]


class ValidationError(RuntimeError):
    """``csc validate`` refused or failed for a reason the user can act on (one line)."""


@dataclass
class ReturnFiles:
    """A returns folder whose files match its manifest."""

    folder: Path
    collection_year: str
    la_code: str
    manifest_sha256: str
    files: dict[str, list[Path]] = field(default_factory=dict)  # return -> its files


@dataclass
class EngineOutput:
    """What one engine reported (dfe_runner's rules.csv, findings.csv and run.json)."""

    return_name: str
    run: dict
    rules: list[dict]
    findings: list[dict]

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding["rule_type"] != "Query")


def _listed_file(folder: Path, name: str) -> Path:
    """A file the manifest names: as a path inside the folder, or by its name in a return's folder."""
    for candidate in (folder / name, *(folder / sub / name for sub in RETURN_FOLDERS.values())):
        if candidate.is_file():
            return candidate
    return folder / name


def check_returns(folder: Path, year: str | None = None) -> ReturnFiles:
    """The returns folder's files, each checked against the manifest's sha256."""
    manifest_path = folder / MANIFEST_NAME
    if not manifest_path.is_file():
        raise ValidationError(f"no {MANIFEST_NAME} in {folder}: write the returns first "
                              f"(csc returns{' --year ' + year if year else ''})")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        collection_year = str(manifest["collection_year"])
        listed = dict(manifest["files"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(f"{manifest_path} cannot be read ({error}); write the returns again (csc returns)") from None
    if year is not None and year != collection_year:
        raise ValidationError(f"{manifest_path} is of the collection year {collection_year}, not {year}; "
                              f"give --returns the folder of {year} or write it (csc returns --year {year})")
    returns = ReturnFiles(folder, collection_year, str(manifest.get("la_code") or ""),
                          sha256_of(manifest_path))
    for name, info in sorted(listed.items()):
        path = _listed_file(folder, name)
        if not path.is_file():
            raise ValidationError(f"{name}, listed in {manifest_path}, is missing: write the returns again "
                                  f"(csc returns --year {collection_year})")
        expected = str((info or {}).get("sha256", "")).lower()
        if sha256_of(path) != expected:
            raise ValidationError(
                f"{path} has changed since csc returns wrote it (its sha256 is not the manifest's): "
                f"an edited file cannot be traced back to the warehouse. Fix the record in the "
                f"case-management system, take a new extract and build, then csc returns "
                f"--year {collection_year} and csc validate again (or restore the file as written)")
        for return_name, sub in RETURN_FOLDERS.items():
            if path.parent.name == sub:
                returns.files.setdefault(return_name, []).append(path)
    if not returns.files:
        raise ValidationError(f"{manifest_path} lists no SSDA903 or CIN census file; write the returns "
                              f"again (csc returns --year {collection_year})")
    return returns


def _read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run_engine(env: DfeEnvironment, return_name: str, returns: ReturnFiles, out_dir: Path,
               echo: Echo) -> EngineOutput:
    """dfe_runner.py in the DfE environment's Python, on one return's files."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    command = [str(env.python), "-I", str(RUNNER), "--return", return_name,
               "--year", returns.collection_year, "--la-code", returns.la_code, "--out", str(out_dir),
               *(str(path) for path in returns.files[return_name])]
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = completed.stdout.strip().splitlines()
    for line in lines:
        echo(f"  {line}")
    if completed.returncode != 0:
        raise ValidationError(f"the DfE {return_name} engine failed (exit {completed.returncode}): "
                              f"{' | '.join(lines[-3:]) or 'no output'}; its log is in {out_dir / 'engine.log'}")
    run = json.loads((out_dir / "run.json").read_text(encoding="utf-8"))
    return EngineOutput(return_name, run, _read_csv(out_dir / "rules.csv"), _read_csv(out_dir / "findings.csv"))


def _normalised(name: str) -> str:
    return name.lower().replace("_", "")


def return_marts(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """The return marts in the warehouse and their columns."""
    rows = con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = ? and table_name like 'rpt\\_%' escape '\\'", [RETURNS_SCHEMA]).fetchall()
    marts: dict[str, set[str]] = {}
    for table, column in rows:
        marts.setdefault(table, set()).add(column)
    return marts


def mart_for(output: EngineOutput, engine_table: str, marts: dict[str, set[str]]) -> str | None:
    """The return mart of an engine table: by the file it was read from (SSDA903), by name (CIN)."""
    prefix = MART_PREFIXES[output.return_name]
    if output.return_name == "ssda903":
        file_name = output.run.get("table_files", {}).get(engine_table)
        candidate = f"{prefix}{Path(file_name).stem}" if file_name else None
        return candidate if candidate in marts else None
    wanted = _normalised(CIN_MART_OF.get(engine_table, engine_table))
    for mart in sorted(marts):
        if mart.startswith(prefix) and _normalised(mart[len(prefix):]) == wanted:
            return mart
    return None


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def resolve_findings(con: duckdb.DuckDBPyConnection, output: EngineOutput, collection_year: str,
                     echo: Echo) -> pd.DataFrame:
    """The engine's findings with the return mart and trace columns of each flagged row.

    Refuses when a return mart and the table the engine read do not have the same rows.
    """
    marts = return_marts(con)
    table_marts: dict[str, str] = {}
    for engine_table, rows in sorted(output.run.get("table_rows", {}).items()):
        mart = mart_for(output, engine_table, marts)
        if mart is None:
            if rows:
                echo(f"  warning: no return mart for the {output.return_name} table {engine_table} "
                     f"({rows} rows): its findings are loaded without child key or landing row")
            continue
        ((in_mart,),) = con.execute(
            f"select count(*) from {RETURNS_SCHEMA}.{_quoted(mart)} where collection_year = ?",
            [collection_year]).fetchall()
        if in_mart != rows:
            raise ValidationError(
                f"the return files and the warehouse disagree: the {output.return_name} table {engine_table} "
                f"has {rows} rows in the file, {RETURNS_SCHEMA}.{mart} has {in_mart} for {collection_year} "
                f"(the files are not those of the warehouse's last build); write the returns again "
                f"(csc returns --year {collection_year}), then csc validate")
        table_marts[engine_table] = mart
    frame = pd.DataFrame(output.findings, columns=[
        "ruleset", "rule_code", "rule_type", "message", "engine_table", "return_row", "fields"])
    frame["return_row"] = pd.to_numeric(frame["return_row"], errors="coerce").astype("Int64")
    frame["return_table"] = frame["engine_table"].map(table_marts)
    selects = []
    for mart in sorted(set(table_marts.values())):
        columns = marts[mart]
        trace = ", ".join(f"{column}" if column in columns else f"null as {column}" for column in TRACE_COLUMNS)
        selects.append(f"select '{mart}' as return_table, return_row, {trace} "
                       f"from {RETURNS_SCHEMA}.{_quoted(mart)} where collection_year = $year")
    con.register("dfe_staged_findings", frame)
    try:
        trace_sql = " union all ".join(selects) or ("select null::varchar as return_table, null::integer as "
                                                    "return_row, " + ", ".join(f"null as {c}" for c in TRACE_COLUMNS))
        return con.execute(
            f"""
            with traced as ({trace_sql})
            select
                '{output.return_name}' as statutory_return, $year as collection_year, findings.ruleset,
                findings.rule_code, findings.rule_type, findings.message, nullif(findings.engine_table, '')
                as engine_table, findings.return_table, cast(findings.return_row as integer) as return_row,
                cast(traced.child_key as varchar) as child_key, cast(traced.landing_table as varchar) as landing_table,
                cast(traced.landing_row_number as bigint) as landing_row_number, findings.fields
            from dfe_staged_findings as findings
            left join traced
                on findings.return_table = traced.return_table
                and findings.return_row = traced.return_row
            """, {"year": collection_year}).df()
    finally:
        con.unregister("dfe_staged_findings")


def _tables_exist(db_path: Path) -> bool:
    with duckdb.connect(str(db_path), read_only=True) as con:
        ((count,),) = con.execute("select count(*) from information_schema.tables where table_schema = ? "
                                  "and table_name in ('runs', 'rules_run', 'findings')", [SCHEMA]).fetchall()
    return count == 3


def load(db_path: Path, returns: ReturnFiles, outputs: list[EngineOutput], echo: Echo) -> None:
    """Replace each (return, year) in schema dfe_validation with what the engine found, in one transaction."""
    validated_at = datetime.now(timezone.utc).replace(tzinfo=None)
    with duckdb.connect(str(db_path)) as con:
        resolved = {output.return_name: resolve_findings(con, output, returns.collection_year, echo)
                    for output in outputs}
        con.execute("begin transaction").fetchall()
        for output in outputs:
            key = [output.return_name, returns.collection_year]
            for table in ("findings", "rules_run", "runs"):
                con.execute(f"delete from {SCHEMA}.{table} where statutory_return = ? and collection_year = ?",
                            key).fetchall()
            findings = resolved[output.return_name].assign(validated_at=validated_at)
            rules = pd.DataFrame(output.rules, columns=["ruleset", "rule_code", "rule_type", "message"]).assign(
                statutory_return=output.return_name, collection_year=returns.collection_year, validated_at=validated_at)
            run = pd.DataFrame([{
                "statutory_return": output.return_name, "collection_year": returns.collection_year,
                "ruleset": output.run["ruleset"], "ruleset_note": output.run["ruleset_note"],
                "engine": output.run["engine"], "engine_version": output.run["engine_version"],
                "rules_run": len(output.rules), "findings": len(output.findings),
                "rules_failed": ",".join(output.run.get("rules_failed", [])),
                "rules_skipped": ",".join(output.run.get("rules_skipped", [])),
                "returns_manifest_sha256": returns.manifest_sha256, "validated_at": validated_at,
            }])
            for table, frame in (("findings", findings), ("rules_run", rules), ("runs", run)):
                con.register("dfe_rows", frame)
                con.execute(f"insert into {SCHEMA}.{table} by name select * from dfe_rows").fetchall()
                con.unregister("dfe_rows")
        con.execute("commit").fetchall()


def write_analyst_list(returns: ReturnFiles, outputs: list[EngineOutput]) -> Path:
    """The restricted CSV for analysts: the child's own id, rule, message, file, row, fields and values."""
    folder = returns.folder / FINDINGS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"RESTRICTED_dfe_findings_{returns.collection_year}.csv"
    file_rows: dict[str, list[dict]] = {}
    for path_in in returns.files.get("ssda903", []):
        file_rows[path_in.name] = _read_csv(path_in)
    columns = ["restricted", "return", "collection_year", "ruleset", "rule_code", "severity", "message",
               "file", "table", "return_row", "child_id", "fields", "values"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for output in outputs:
            for finding in output.findings:
                values = finding.get("values", "")  # CIN census: the runner's, from the engine's tables
                rows = file_rows.get(finding["file"]) if output.return_name == "ssda903" else None
                if rows and finding["return_row"]:
                    record = rows[int(finding["return_row"]) - 1]
                    values = "; ".join(f"{name}={record.get(name, '')}" for name in finding["fields"].split(";") if name)
                writer.writerow({
                    "restricted": "RESTRICTED: child-level", "return": output.return_name,
                    "collection_year": returns.collection_year, "ruleset": finding["ruleset"],
                    "rule_code": finding["rule_code"],
                    "severity": "query" if finding["rule_type"] == "Query" else "error",
                    "message": finding["message"], "file": finding["file"], "table": finding["engine_table"],
                    "return_row": finding["return_row"],
                    "child_id": finding["child_id"], "fields": finding["fields"], "values": values,
                })
    (folder / "README.txt").write_text(
        "RESTRICTED - child-level. The DfE rule engines' findings on the return files in the folder\n"
        "above, with the authority's own child ids (LAchildID / CHILD) so that each record can be\n"
        "found in the case-management system. Do not publish or e-mail; delete when worked through.\n"
        "Columns: return, collection year, ruleset, rule code, severity (error or query), the DfE's\n"
        "message, file, table (as the DfE tool names it) and row of that table in the file (1-based),\n"
        "the child's id, the fields the rule checks and their values in that row (SSDA903: as in\n"
        "the file; CIN census: as the DfE engine read the XML). Fix records at source, then: new\n"
        "extract, csc build,\n"
        "csc returns, csc validate.\n", encoding="utf-8")
    return path


def year_of_warehouse(db_path: Path) -> str | None:
    """The collection year the warehouse's return marts were built for (int_return_years), if any."""
    if not db_path.is_file():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            rows = con.execute("select collection_year from intermediate.int_return_years").fetchall()
    except duckdb.Error:
        return None
    return str(rows[0][0]) if rows and rows[0][0] else None


def check_landing(paths: WarehousePaths) -> None:
    """The dbt step reads the landing folder (its on-run-start hook does on every build)."""
    if not paths.landing_dir.is_dir():
        raise ValidationError(f"landing folder {paths.landing_dir} does not exist: set CSC_LANDING_DIR to the "
                              f"folder the warehouse was built from")


def validate_returns(paths: WarehousePaths, returns: ReturnFiles, env: DfeEnvironment, echo: Echo) -> list[EngineOutput]:
    """Run both engines, then load, build the dq_dfe models and write the analysts' list."""
    check_landing(paths)
    outputs = []
    for return_name in RETURN_FOLDERS:
        if return_name not in returns.files:
            echo(f"{return_name}: no files in {returns.folder} (not in the manifest): not validated")
            continue
        echo(f"Running the DfE {return_name} rules on {returns.folder / RETURN_FOLDERS[return_name]} ...")
        outputs.append(run_engine(env, return_name, returns, returns.folder / "validation" / return_name, echo))
    for output in outputs:
        attempts = output.run.get("network_attempts") or []
        if attempts:
            raise ValidationError(f"the DfE {output.return_name} engine tried to reach the network "
                                  f"({attempts[0]}); refused, results not loaded")
    db_path = paths.db_path
    if not db_path.is_file():
        raise ValidationError(f"warehouse {db_path} does not exist: build it and write the returns first")

    def load_into_working_copy(work_paths: WarehousePaths, pseudonym_key: str) -> None:
        if not _tables_exist(work_paths.db_path):
            result = run_dbt(work_paths, ["run-operation", "create_dfe_validation_tables"],
                             pseudonym_key=pseudonym_key)
            if not result.ok:
                raise ValidationError(f"creating schema {SCHEMA} failed: {result.failure_reason()}")
        load(work_paths.db_path, returns, outputs, echo)
        echo("Building dq_dfe_findings and dq_dfe_rule_summary ...")

    # Like csc build: under the warehouse lock, on a working copy that replaces the warehouse
    # only when the load and the dbt build both succeeded.
    build = build_warehouse(paths, ["--select", "+models/data_quality/dfe"], before_build=load_into_working_copy,
                            notify=echo)
    if not build.result.ok:
        raise ValidationError(f"dbt build of models/data_quality/dfe failed, nothing was loaded (the "
                              f"warehouse is unchanged): {build.result.failure_reason()}")
    analyst_list = write_analyst_list(returns, outputs)
    echo(f"Restricted list for analysts: {analyst_list}")
    return outputs


def describe(output: EngineOutput) -> str:
    queries = len(output.findings) - output.errors
    return (f"{output.return_name}: {output.run['ruleset_note']}; {len(output.rules)} rules run, "
            f"{len(output.findings)} findings ({output.errors} error, {queries} query)"
            + (f"; {len(output.run['rules_failed'])} rule(s) failed to run: {', '.join(output.run['rules_failed'][:5])}"
               if output.run.get("rules_failed") else ""))

