"""The README's data-protection promises, tested on a built warehouse.

- Nothing outside landing and staging (the reference seeds aside) has a column or a value
  that identifies a child: person ids, dates of birth, names, NHS numbers, postcodes; the
  restricted ``returns`` schema and the return files hold person ids and dates of birth (the
  DfE's returns need them), as does the ``restricted`` schema of the Annex A lists, and, like
  staging, nothing else; the published database copies none of it.
- ``child_key`` is HMAC-SHA-256 of the person id under CSC_PSEUDONYM_KEY: Python's ``hmac``
  gives the same keys, another key gives other keys, the same key the same keys on a
  rebuild, and the old ``md5(salt|id)`` is not it.
- The key is in no compiled SQL, artifact, log or relation, every relation can be read
  without the plugin that creates the SQL function, and a run without a usable key stops.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from csc.dbt_plugins.pseudonym import KEY_ENV, child_key, macro_sql, parse_key
from csc.dbt_runner import run_dbt
from csc.paths import WarehousePaths, find_project_dir
from warehouse_helpers import MINIMAL_LANDING, TEST_PSEUDONYM_KEY, dbt, make_paths

# Schemas not published to analysts: the files as loaded, staging, the reference seeds, the
# statutory returns and the Annex A lists (schema restricted, docs/contracts/annex-a.md);
# the last three are scanned with the narrower rule of staging below.
RESTRICTED_SCHEMAS = ("staging", "returns", "restricted")
ANNEX_A_MODELS = find_project_dir() / "models" / "restricted" / "annex_a"
UNSCANNED_SCHEMAS = ("landing", *RESTRICTED_SCHEMAS, "reference", "information_schema", "pg_catalog")
IDENTIFYING_COLUMN = re.compile(
    r"(birth|dob|person_id|person_name|forename|surname|first_name|last_name|full_name|nhs|"
    r"common_child_id|upn|postcode|post_code|address|^(clea_care_leaver_)?personal_advis[oe]r$|professional_name)"
)
# Columns named *name that name organisational things, not people.
ORGANISATION_NAMES = {"table_name", "team_name", "parent_team_name", "kpi_name",
                      "bank_holiday_name", "holiday_name", "la_name"}
# Landing columns whose values identify a child or a worker (as the macro identifying_fields).
IDENTIFYING_FIELDS = re.compile(
    r"(_person_id|^pers_dob|^pers_forename|^pers_surname|^pers_common_child_id|_postcode|"
    r"^prof_professional_name)$"
)

# Rows added to the hand-made landing folder so that every rule about a date of birth or a
# person's record fires: a birth after the extract date (P006) with a referral and a CLA
# episode long before it, a death before birth (P007), a duplicate and a blank person id.
EXTRA_ROWS = {
    "ssd_person.csv": [
        # born 284 days after her referral (csc_referral_long_before_birth, csc_event_before_birth)
        ["P006", "F", "WBRI", "2021-10-15", "", "Erin", "Sample", "9990000006"],
        # born after the extract date (csc_birth_date_after_extract)
        ["P008", "M", "WBRI", "2022-01-05", "", "Hal", "Sample", "9990000008"],
        ["P007", "M", "WBRI", "14/06/2015", "2014-01-01", "Finn", "Sample", "9990000007"],
        ["P001", "F", "WBRI", "2012-03-04", "", "Alice", "Example", "9990000001"],
        ["", "M", "WBRI", "2011-11-11", "", "Gus", "Sample", ""],
    ],
    "ssd_cin_episodes.csv": [
        ["R006", "P006", "2021-01-04", "N1", "1A", "N", "", "", "T01", "W01"],
    ],
    "ssd_cla_episodes.csv": [
        ["E003", "P007", "2014-05-01", "S", "N1", "2014-06-01", "E11", "POC9", "", "", "2014-05-01"],
    ],
}


def _append_rows(landing: Path) -> None:
    for name, rows in EXTRA_ROWS.items():
        with (landing / name).open("a", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)


def _date_forms(text: str) -> set[str]:
    """A date of birth as written in the file and as the warehouse might write it."""
    forms = {text}
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        forms |= {day.isoformat(), day.strftime("%d/%m/%Y"), day.strftime("%Y%m%d")}
    return forms


def _identifying_values(landing: Path) -> tuple[set[str], set[str]]:
    """(dates of birth in every text form, other identifying values) of the landing files."""
    births: set[str] = set()
    others: set[str] = set()
    for path in landing.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column, value in row.items():
                    value = (value or "").strip()
                    if not value or not IDENTIFYING_FIELDS.search(column):
                        continue
                    if column == "pers_dob":
                        births |= _date_forms(value)
                    else:
                        others.add(value)
    return births, others


def _key_rows(paths: WarehousePaths) -> dict[str, str]:
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        return dict(con.execute("select person_id, child_key from staging.stg_ssd__persons").fetchall())


def _run_persons(work: Path, landing: Path, key: str | None) -> tuple[WarehousePaths, object]:
    """Build stg_ssd__persons and what it reads in ``work``, giving dbt ``key`` as
    CSC_PSEUDONYM_KEY exactly as written (None: unset), as plain dbt would get it (no key
    file is looked for: that is csc's side, tested in test_build_runtime_units)."""
    paths = make_paths(find_project_dir(), work, landing)
    return paths, run_dbt(paths, ["run", "--select", "+stg_ssd__persons"],
                          pseudonym_key="" if key is None else key)


@pytest.fixture(scope="module")
def protected_build(tmp_path_factory: pytest.TempPathFactory) -> WarehousePaths:
    """The project run on the hand-made landing folder plus the rows of EXTRA_ROWS."""
    work = tmp_path_factory.mktemp("protected_build")
    landing = work / "landing"
    shutil.copytree(MINIMAL_LANDING, landing)
    _append_rows(landing)
    paths = make_paths(find_project_dir(), work, landing)
    for command in ("seed", "run"):  # no data tests: the added rows are meant to be wrong
        result = dbt(paths, command)
        assert result.ok, f"dbt {command} failed:\n" + "\n".join(result.output[-40:])
    return paths


@pytest.fixture(scope="module")
def published_columns(protected_build: WarehousePaths):
    with duckdb.connect(str(protected_build.db_path), read_only=True) as con:
        found = con.execute(
            "select table_schema, table_name, column_name, data_type from information_schema.columns "
            f"where table_schema not in {UNSCANNED_SCHEMAS}"
        ).fetchall()
        assert len({(s, t) for s, t, _, _ in found}) > 50, "too few relations: is the warehouse built?"
        yield con, found


def test_rules_about_dates_of_birth_fired(published_columns):
    """The scan below only means something if the findings that used to quote a date of
    birth or a person id are there."""
    con, _ = published_columns
    fired = {rule for (rule,) in con.execute("select distinct rule_id from data_quality.dq_rule_failures").fetchall()}
    assert {"csc_date_after_extract", "csc_death_before_birth", "csc_referral_long_before_birth",
            "csc_event_before_birth", "csc_episode_before_birth",
            "csc_unparseable_date", "csc_birth_date_after_extract"} <= fired
    reasons = con.execute(
        "select reason from data_quality.dq_quarantine where table_name = 'ssd_person' order by reason"
    ).fetchall()
    assert reasons == [("duplicate primary key",), ("missing primary key",)]


def test_no_identifying_column_outside_staging(published_columns):
    _, found = published_columns
    offending = [f"{s}.{t}.{c}" for s, t, c, _ in found
                 if IDENTIFYING_COLUMN.search(c.lower())
                 or (c.lower().endswith("name") and c.lower() not in ORGANISATION_NAMES)]
    assert offending == []


# Columns of the DfE's SSDA903 layout that would identify a child (pupil number, postcodes):
# the returns models have them, always blank, because the landing data never reaches them.
RETURN_BLANK_COLUMNS = {"UPN", "FormerUPN", "UPNunknown", "HOME_POST", "PL_POST"}
# Annex A: the placement postcode is blank unless annex_a_restricted_fields (default false);
# the personal adviser is output as sent (the contract's List 9), so its values are not scanned.
ANNEX_A_BLANK_COLUMNS = {"placement_postcode"}
ANNEX_A_AS_SENT_COLUMNS = {"allocated_personal_advisor"}
STAGING_IDENTIFYING_COLUMN = re.compile(
    r"(forename|surname|first_name|last_name|full_name|person_name|professional_name|nhs|"
    r"common_child_id|upn|postcode|post_code|address|^(clea_care_leaver_)?personal_advis[oe]r$)"
)


def _personal_values(landing: Path) -> list[str]:
    """The names, NHS numbers, postcodes and workers' names of the landing files (not person ids)."""
    _, others = _identifying_values(landing)
    person_ids = {v for v in others if re.fullmatch(r"P\d+", v)}
    personal = sorted(others - person_ids)
    assert {"Alice", "9990000001", "EX1 1AA", "Worker One"} <= set(personal)
    return personal


@pytest.mark.parametrize("schema", RESTRICTED_SCHEMAS)
def test_restricted_schemas_hold_no_names_nhs_numbers_or_postcodes(protected_build: WarehousePaths, schema: str):
    """Staging keeps the person id and the date of birth (to key and age the child), the
    returns schema the person id and date of birth the DfE's returns need, and neither
    anything else that identifies: no name, NHS number, postcode or address, as column or value."""
    if schema == "restricted" and not list(ANNEX_A_MODELS.glob("*.sql")):
        pytest.skip(f"no Annex A model in {ANNEX_A_MODELS} yet")
    personal = _personal_values(protected_build.landing_dir)
    blank = {"returns": RETURN_BLANK_COLUMNS, "restricted": ANNEX_A_BLANK_COLUMNS}.get(schema, set())
    with duckdb.connect(str(protected_build.db_path), read_only=True) as con:
        found = con.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = ?", [schema]).fetchall()
        assert found, f"no relation in schema {schema}: is the warehouse built?"
        named = [(t, c) for t, c, _ in found
                 if STAGING_IDENTIFYING_COLUMN.search(c.lower()) or c in blank]
        if blank:  # the DfE's and Ofsted's layouts have these columns: they must stay empty
            assert {c for _, c in named} == blank
            named = [(t, c) for t, c in named
                     if con.execute(f'select count("{c}") from {schema}."{t}"').fetchone()[0]]
        assert [f"{t}.{c}" for t, c in named] == []
        hits = [f"{t}.{c}" for t, c, d in found if d.upper().startswith("VARCHAR")
                and c not in ANNEX_A_AS_SENT_COLUMNS and con.execute(
            f'select count(*) from {schema}."{t}" where "{c}" in (select unnest(?))', [personal]).fetchone()[0]]
    assert hits == []


def test_return_files_hold_no_names_nhs_numbers_or_postcodes(protected_build: WarehousePaths, tmp_path: Path):
    """The files csc returns writes (restricted) quote no name, NHS number or postcode."""
    from csc.returns import write_returns

    outcome = write_returns(protected_build.db_path, protected_build.target_dir / "manifest.json",
                            tmp_path / "returns", "E99999999")
    texts = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "returns").rglob("*")
             if path.is_file()}
    assert "episodes.csv" in texts and outcome.files["ssda903/episodes.csv"]["rows"] >= 1
    assert "P003" in texts["episodes.csv"]  # the authority's own child id: the return needs it
    assert _quoted_personal_values(protected_build.landing_dir, texts) == {}


def _quoted_personal_values(landing: Path, texts: dict[str, str]) -> dict[str, list]:
    """Each text that quotes a name, NHS number or postcode of the landing files, with the values."""
    personal = _personal_values(landing)
    pattern = re.compile("(^|[^0-9A-Za-z])(" + "|".join(re.escape(v) for v in personal) + ")($|[^0-9A-Za-z])",
                         re.MULTILINE)
    return {name: pattern.findall(text) for name, text in texts.items() if pattern.search(text)}


def test_annex_a_files_hold_no_names_nhs_numbers_or_postcodes(protected_build: WarehousePaths, tmp_path: Path):
    """The files csc annex-a writes (restricted) quote no name, NHS number or postcode at the default
    vars: the CSVs and every part of the workbook."""
    if not list(ANNEX_A_MODELS.glob("*.sql")):
        pytest.skip(f"no Annex A model in {ANNEX_A_MODELS} yet")
    import zipfile

    from csc.annex_a import write_annex_a

    out = tmp_path / "restricted" / "annex_a"
    outcome = write_annex_a(protected_build.db_path, out, "E99999999", dt.date(2021, 10, 20), 6)
    assert outcome.workbook is not None and sum(outcome.rows.values()) >= 1
    texts = {path.name: path.read_text(encoding="utf-8-sig") for path in out.glob("*.csv")}
    with zipfile.ZipFile(outcome.workbook) as book:
        texts.update({part: book.read(part).decode("utf-8") for part in book.namelist() if part.endswith(".xml")})
    assert _quoted_personal_values(protected_build.landing_dir, texts) == {}


def test_the_published_database_copies_nothing_of_the_returns(protected_build: WarehousePaths, tmp_path: Path):
    """csc publish copies an explicit list of aggregate tables: no return table, no child id."""
    from csc.publish import publish

    work = tmp_path / "warehouse.duckdb"
    shutil.copy(protected_build.db_path, work)
    with duckdb.connect(str(work), read_only=True) as con:
        assert con.execute("select count(*) from information_schema.tables where table_schema = 'returns'"
                           ).fetchone()[0] >= 11
    out = publish(work, tmp_path / "published.duckdb")
    with duckdb.connect(str(out), read_only=True) as con:
        tables = con.execute("select table_schema, table_name from information_schema.tables").fetchall()
        columns = {c for (c,) in con.execute("select column_name from information_schema.columns").fetchall()}
    assert tables and all(schema not in ("returns", "restricted") and not name.startswith("rpt_")
                          for schema, name in tables)
    assert not {"CHILD", "DOB", "child_key"} & columns


def test_no_identifying_value_outside_staging(published_columns, protected_build: WarehousePaths):
    """No person id, date of birth (in any text form), name, NHS number or postcode of the
    landing files is a value of, or is quoted in, any column of any published relation."""
    con, found = published_columns
    births, others = _identifying_values(protected_build.landing_dir)
    assert {"P001", "Alice", "9990000001", "EX1 1AA", "Worker One"} <= others
    assert {"2012-03-04", "29/02/2008", "2008-02-29", "not a date", "2015-06-14"} <= births
    quoted = "|".join(re.escape(value) for value in sorted(births | others, key=len, reverse=True))
    pattern = f"(^|[^0-9A-Za-z])({quoted})($|[^0-9A-Za-z])"
    hits = []
    for schema, table, column, data_type in found:
        if data_type.upper().startswith(("DATE", "TIMESTAMP", "TIME", "BOOLEAN")):
            continue  # a date column is checked by name; dim_dates holds every day
        rows = con.execute(
            f'select distinct cast("{column}" as varchar) from "{schema}"."{table}" '
            f'where regexp_matches(cast("{column}" as varchar), ?)', [pattern]
        ).fetchall()
        hits += [f"{schema}.{table}.{column}: {value}" for (value,) in rows]
    assert hits == []


def test_findings_name_person_records_by_key_and_row(published_columns):
    con, _ = published_columns
    rows = con.execute(
        "select record_id, child_key, landing_row_number from data_quality.dq_rule_failures "
        "where table_name = 'ssd_person' union all "
        "select record_id, child_key, landing_row_number from data_quality.dq_quarantine "
        "where table_name = 'ssd_person' and child_key is not null"
    ).fetchall()
    assert rows
    assert all(record_id is None and re.fullmatch(r"[0-9a-f]{64}", key) and row >= 1
               for record_id, key, row in rows)
    message = con.execute(
        "select message from data_quality.dq_rule_failures where rule_id = 'csc_death_before_birth'"
    ).fetchone()[0]
    assert message == "Death date 2014-01-01 is before the child's date of birth"


def test_child_key_is_hmac_sha256_of_the_person_id(protected_build: WarehousePaths):
    keys = _key_rows(protected_build)
    key = bytes.fromhex(TEST_PSEUDONYM_KEY)
    assert len(keys) >= 7
    assert keys == {person: hmac.new(key, person.encode(), hashlib.sha256).hexdigest() for person in keys}


def test_old_salted_md5_is_not_the_key(protected_build: WarehousePaths):
    keys = _key_rows(protected_build)
    for salt in ("csc-warehouse", TEST_PSEUDONYM_KEY, ""):
        old = {hashlib.md5(f"{salt}|{person}".encode()).hexdigest() for person in keys}
        assert not old & set(keys.values())


def test_other_key_gives_other_child_keys_same_key_the_same(protected_build: WarehousePaths,
                                                           tmp_path: Path):
    built = _key_rows(protected_build)
    other_key = "a1" * 32
    other, result = _run_persons(tmp_path / "other", protected_build.landing_dir, other_key)
    assert result.ok, result.failure_reason()
    other_keys = _key_rows(other)
    assert other_keys.keys() == built.keys()
    assert all(other_keys[person] != built[person] for person in built)
    assert other_keys == {person: child_key(bytes.fromhex(other_key), person) for person in built}
    again, result = _run_persons(tmp_path / "again", protected_build.landing_dir, TEST_PSEUDONYM_KEY)
    assert result.ok, result.failure_reason()
    assert _key_rows(again) == built


@pytest.mark.parametrize(("key", "message"), [
    (None, f"{KEY_ENV} is not set"),
    ("", f"{KEY_ENV} is not set"),
    ("0123456789abcdef", f"{KEY_ENV} is too short: 16 hex digits, at least 32"),
    ("not-a-hex-key-not-a-hex-key-not-a-hex-key", f"{KEY_ENV} must be an even number of hex digits"),
])
def test_run_without_a_usable_key_stops_at_once(key, message, tmp_path: Path):
    paths, result = _run_persons(tmp_path, MINIMAL_LANDING, key)
    assert not result.ok
    assert message in result.failure_reason()
    assert not (paths.db_path.exists() and _has_table(paths, "staging", "stg_ssd__persons"))


def _has_table(paths: WarehousePaths, schema: str, table: str) -> bool:
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        return bool(con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, table]).fetchone()[0])


def _secret_forms(hex_key: str) -> list[bytes]:
    """The key as text and bytes, and the padded keys the SQL macro carries, in every form."""
    key = bytes.fromhex(hex_key)
    padded = key.ljust(64, b"\0")
    pads = [bytes(b ^ 0x36 for b in padded), bytes(b ^ 0x5C for b in padded)]
    forms = [hex_key.lower().encode(), hex_key.upper().encode(), key]
    for pad in pads:
        forms += [pad, pad.hex().encode(), pad.hex().upper().encode(),
                  "".join(f"\\x{b:02X}" for b in pad[:16]).encode()]
    return forms


def test_key_is_in_no_artifact_log_or_relation(protected_build: WarehousePaths):
    assert macro_sql(bytes.fromhex(TEST_PSEUDONYM_KEY))  # the forms below are what it carries
    forms = _secret_forms(TEST_PSEUDONYM_KEY)
    files = [p for p in protected_build.target_dir.rglob("*") if p.is_file()]
    files += [p for p in protected_build.db_path.parent.glob(protected_build.db_path.name + "*")]
    compiled = protected_build.target_dir / "run"
    assert any("csc_pseudonym(" in p.read_text(encoding="utf-8", errors="replace")
               for p in compiled.rglob("stg_ssd__persons.sql")), "the compiled SQL calls csc_pseudonym"
    assert any(p.name == "dbt.log" for p in files) and any(p.suffix == ".duckdb" for p in files)
    leaks = [str(p) for p in files if any(form in p.read_bytes() for form in forms)]
    assert leaks == []
    with duckdb.connect(str(protected_build.db_path), read_only=True) as con:
        text_columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns "
            "where data_type = 'VARCHAR' and table_schema not in ('information_schema', 'pg_catalog')"
        ).fetchall()
        hits = [f"{s}.{t}.{c}" for s, t, c in text_columns if con.execute(
            f'select count(*) from "{s}"."{t}" where lower("{c}") like ?',
            [f"%{TEST_PSEUDONYM_KEY[:32].lower()}%"]).fetchone()[0]]
        assert hits == []
        assert con.execute(
            "select count(*) from duckdb_functions() where function_name = 'csc_pseudonym'"
        ).fetchone()[0] == 0


def test_every_relation_reads_without_the_plugin(protected_build: WarehousePaths):
    """A BI tool opens the warehouse with plain DuckDB: no view may call csc_pseudonym."""
    with duckdb.connect(str(protected_build.db_path), read_only=True) as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema not in ('information_schema', 'pg_catalog')"
        ).fetchall()
        assert len(relations) > 50
        unreadable = []
        for schema, table in relations:
            try:
                con.execute(f'select * from "{schema}"."{table}" limit 1').fetchall()
            except duckdb.Error as error:
                unreadable.append(f"{schema}.{table}: {str(error).splitlines()[0]}")
    assert unreadable == []


# --- the SQL macro against Python's hmac, without dbt ---------------------------------------

RFC_4231 = [  # (key, data, HMAC-SHA-256) test cases 1, 2 and 6 of RFC 4231
    (b"\x0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
]


@pytest.mark.parametrize(("key", "data", "expected"), RFC_4231)
def test_sql_macro_matches_rfc_4231(key: bytes, data: bytes, expected: str):
    with duckdb.connect() as con:
        con.execute(macro_sql(key))
        assert con.execute("select csc_pseudonym(?)", [data.decode()]).fetchone()[0] == expected


def test_sql_macro_matches_python_hmac_for_many_ids():
    key = parse_key(TEST_PSEUDONYM_KEY)
    ids = ["P001", "0", "12345678901234567890", "Zoë-Ø 名前", "x" * 200, "a'b", "P001 "]
    with duckdb.connect() as con:
        con.execute(macro_sql(key))
        got = [con.execute("select csc_pseudonym(?)", [i]).fetchone()[0] for i in ids]
        assert con.execute("select csc_pseudonym(null)").fetchone()[0] is None
    assert got == [hmac.new(key, i.encode("utf-8"), hashlib.sha256).hexdigest() for i in ids]


@pytest.mark.parametrize("text", [None, "", "  ", "abc", "0123456789abcdef0123456789abcde"])
def test_parse_key_refuses_missing_short_or_odd_keys(text):
    with pytest.raises(ValueError, match=KEY_ENV):
        parse_key(text)


def test_parse_key_accepts_32_hex_digits_in_either_case():
    assert parse_key(" 0123456789ABCDEF0123456789abcdef\n") == bytes.fromhex("0123456789abcdef" * 2)


def test_a_store_written_with_person_ids_is_rekeyed(protected_build: WarehousePaths, tmp_path: Path):
    """The care-leaver history (incremental) of a warehouse built before the keyed hash has a
    person_id column and md5 keys: the next run re-keys it and drops the column."""
    work = tmp_path / "old_store"
    work.mkdir()
    shutil.copy(protected_build.db_path, work / "warehouse.duckdb")
    store = "intermediate.int_care_leaver_extracts"
    with duckdb.connect(str(work / "warehouse.duckdb")) as con:
        con.execute(f"alter table {store} add column person_id varchar")
        con.execute(f"update {store} set person_id = 'P003', child_key = md5('csc-warehouse|P003')")
        con.execute(f"insert into {store} by name select date '2021-06-30' as extract_date, "
                    "'P001' as person_id, md5('csc-warehouse|P001') as child_key, 'OLD1' as care_leaver_row_id")
    paths = make_paths(find_project_dir(), work, protected_build.landing_dir)
    result = dbt(paths, "run", "--select", "int_care_leaver_extracts")
    assert result.ok, result.failure_reason()
    with duckdb.connect(str(paths.db_path), read_only=True) as con:
        columns = {c for (c,) in con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'intermediate' and table_name = 'int_care_leaver_extracts'").fetchall()}
        rows = con.execute(f"select care_leaver_row_id, child_key from {store} order by all").fetchall()
    key = bytes.fromhex(TEST_PSEUDONYM_KEY)
    assert "person_id" not in columns
    assert ("OLD1", child_key(key, "P001")) in rows  # a month only the store has, re-keyed
    assert {k for _, k in rows} == {child_key(key, "P001"), child_key(key, "P003")}
