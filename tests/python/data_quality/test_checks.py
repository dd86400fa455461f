"""Great Expectations checks (csc.checks.run_checks) on small hand-made warehouses.

Two DuckDB files: one where every table is as the contracts say (the checks pass, Data Docs
are written under the output folder) and one with a broken key, KPI values outside their
range, a numerator above its denominator and an unknown code (critical failures name the
suite and expectation; the unknown code is only a warning). A broken staging key is dbt's to
catch (its not_null / unique tests, severity error), not GX's: the test below checks that those
dbt tests exist. Two more warehouses have twelve months of referrals, steady or with a month
missing (the month-to-month row-count change is a warning).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
import yaml

from csc.checks.suites import STAGING_TABLES

from csc.checks import run_checks
from csc.checks.offline_docs import OfflineDocsError, make_offline, remote_asset_urls


def _warehouse(path: Path, *, persons: list[tuple], kpis: list[tuple], referral_sources: list[str]) -> Path:
    with duckdb.connect(str(path)) as con:
        for schema in ("staging", "marts", "reference"):
            con.execute(f"create schema {schema}")
        con.execute("create table reference.ref_codes (code_list varchar, code varchar)")
        con.execute("insert into reference.ref_codes values ('referral_source', '1A'), ('referral_source', '2A')")
        # the catalogue flags the KPI suite reads (KPIs not listed are neither)
        con.execute("create table reference.kpi_catalogue (kpi_id varchar, is_change boolean, is_hr_ratio boolean)")
        con.execute("insert into reference.kpi_catalogue values ('cin_children_change_12m', true, false), "
                    "('permanent_rate', false, true)")
        con.execute("create table staging.stg_ssd__persons (person_id varchar, child_key varchar, landing_row_number bigint)")
        con.executemany("insert into staging.stg_ssd__persons values (?, ?, ?)", persons)
        con.execute("create table staging.stg_la__extract_manifests (extract_date date, landing_row_number bigint)")
        con.execute("insert into staging.stg_la__extract_manifests values (date '2021-10-20', 1)")
        con.execute("""create table staging.stg_ssd__cin_episodes (referral_id varchar, person_id varchar, child_key varchar,
            referral_source_code varchar, primary_need_code varchar, close_reason_code varchar, landing_row_number bigint)""")
        con.executemany("insert into staging.stg_ssd__cin_episodes values (?, 'P1', ?, ?, null, null, ?)",
                        [(f"R{i}", "a" * 64, code, i) for i, code in enumerate(referral_sources, start=1)])
        con.execute("""create table marts.fct_kpi_values (kpi_id varchar, period_month date, period_end date,
            breakdown varchar, breakdown_value varchar, numerator double, denominator double, value double, unit varchar)""")
        rows = []
        for kpi_id, numerator, denominator, value, unit, *locality in kpis:
            breakdown, breakdown_value = ("locality", locality[0]) if locality else ("all", "all")
            rows.append((kpi_id, breakdown, breakdown_value, numerator, denominator, value, unit))
        con.executemany("insert into marts.fct_kpi_values values (?, date '2021-10-01', date '2021-10-20', ?, ?, ?, ?, ?, ?)", rows)
    return path


GOOD_KPIS = [
    ("referrals", 120.0, None, 120.0, "count"),
    ("rereferral_rate", 20.0, 100.0, 20.0, "percent"),
    ("cin_children_change_12m", -30.0, 200.0, -15.0, "percent"),   # a fall: negative is allowed
    ("cin_children_change_12m", 300.0, 200.0, 150.0, "percent", "North"),  # more than doubled
    ("cin_plan_duration", 300.0, 200.0, 150.0, "ratio"),            # not a percent: no 0-100 range
    ("referral_rate_per_10k", 120.0, 20000.0, 60.0, "rate_per_10k"),
]

# permanent FTE above a budget that could only partly be read: the source, not the warehouse
HR_ABOVE_100 = ("permanent_rate", 11.0, 10.0, 110.0, "percent")


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    work = tmp_path_factory.mktemp("gx_good")
    db = _warehouse(work / "wh.duckdb", persons=[("P1", "a" * 64, 1), ("P2", "b" * 64, 2)],
                    kpis=GOOD_KPIS + [HR_ABOVE_100],
                    referral_sources=["1A", "2A"])
    return run_checks(db, work / "out"), work / "out"


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    work = tmp_path_factory.mktemp("gx_bad")
    db = _warehouse(work / "wh.duckdb", persons=[("P1", "a" * 64, 1), ("P1", "a" * 64, 2)],   # duplicate key
                    kpis=GOOD_KPIS + [("assessment_timeliness", 130.0, 100.0, 130.0, "percent")],
                    referral_sources=["1A", "ZZ"])                                           # unknown code
    return run_checks(db, work / "out")


def test_a_sound_warehouse_passes(good):
    result, _ = good
    assert result.ok, result.failures
    assert result.failures == []


def test_change_kpi_may_be_negative_or_above_100(good):
    result, _ = good
    assert not any("cin_children_change_12m" in message for message in result.failures + result.warnings)


def test_hr_ratio_above_100_is_a_warning_only(good):
    result, _ = good
    assert any("permanent_rate" in message for message in result.warnings), result.warnings
    assert not any("permanent_rate" in message for message in result.failures)


def test_data_docs_are_written_under_the_output_folder(good):
    result, out = good
    assert result.docs_path is not None and result.docs_path.is_file()
    assert out in result.docs_path.parents


def test_data_docs_load_nothing_from_the_internet(good):
    """Every <script src> and <link href> of every Data Docs page is a vendored local file."""
    result, _ = good
    site = result.docs_path.parent
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 2  # the index and at least one validation page
    for page_path in pages:
        page = page_path.read_text(encoding="utf-8")
        assert remote_asset_urls(page) == [], page_path
        local = re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"'#]+)["']""", page)
        vendored = [ref for ref in local if "static/vendor/" in ref]
        assert len(vendored) >= 10, page_path  # the CSS and scripts GX's templates load
        for ref in vendored:
            assert (page_path.parent / ref).resolve().is_file(), f"{page_path}: {ref}"
    fonts = site / "static" / "vendor" / "webfonts"
    assert (fonts / "fa-solid-900.woff2").is_file()


def test_an_unvendored_cdn_url_is_an_error(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<html><head><script src="https://cdn.example.org/new.js"></script></head></html>', encoding="utf-8")
    with pytest.raises(OfflineDocsError, match="new.js"):
        make_offline(tmp_path)


def test_known_cdn_urls_are_rewritten_and_sri_dropped(tmp_path):
    page = tmp_path / "sub" / "page.html"
    page.parent.mkdir()
    page.write_text(
        '<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>'
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js" '
        'integrity="sha384-x" crossorigin="anonymous"></script>'
        '<a href="https://greatexpectations.io">GX</a>',
        encoding="utf-8",
    )
    make_offline(tmp_path)
    text = page.read_text(encoding="utf-8")
    assert 'href="../static/vendor/css/bootstrap-4.3.1.min.css"' in text
    assert '<script src="../static/vendor/js/popper-1.12.9.min.js"></script>' in text
    assert 'href="https://greatexpectations.io"' in text  # a plain link is not loaded by the page


REPO = Path(__file__).resolve().parents[3]

def _column_tests() -> dict[tuple[str, str], set[str]]:
    """(model, column) -> the names of its dbt data tests, from the staging models' YAML."""
    tests: dict[tuple[str, str], set[str]] = {}
    for path in (REPO / "models" / "staging").rglob("*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            for column in model.get("columns", []):
                names = {t if isinstance(t, str) else next(iter(t)) for t in column.get("data_tests", [])}
                tests[(model["name"], column["name"])] = names
    return tests


def test_broken_key_is_critical_and_names_suite_and_expectation(bad):
    # GX no longer checks staging keys: a duplicate person id is not a GX failure ...
    assert not any("person_id" in m for m in bad.failures), bad.failures
    # ... because dbt's key tests fail the build on it (severity error for every project test)
    project = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    assert project["data_tests"]["csc_warehouse"]["+severity"] == "error"
    tests = _column_tests()
    assert {"not_null", "unique"} <= tests[("stg_ssd__persons", "person_id")]
    # every staging table GX checks has its key (a column with both tests) tested by dbt
    for spec in STAGING_TABLES:
        keyed = [column for (model, column), names in tests.items()
                 if model == spec.table and {"not_null", "unique"} <= names]
        assert keyed, f"{spec.table}: no column with dbt's not_null and unique tests"
    # the landing row numbers GX leaves to dbt are tested there
    for spec in STAGING_TABLES:
        if spec.row_number_tested_by_dbt:
            assert {"not_null", "unique"} <= tests.get((spec.table, "landing_row_number"), set()), spec.table


def test_percent_above_100_is_critical(bad):
    assert any("GX suite fct_kpi_values: expect_column_values_to_be_between(column=value)" in m for m in bad.failures)


def test_numerator_above_denominator_is_critical(bad):
    assert any("fct_kpi_values: expect_column_pair_values_a_to_be_greater_than_b" in m for m in bad.failures)


def test_unknown_code_is_a_warning_only(bad):
    assert any("stg_ssd__cin_episodes" in m and "referral_source_code" in m and "ZZ" in m for m in bad.warnings)
    assert not any("referral_source_code" in m for m in bad.failures)


def test_missing_kpi_table_is_critical(tmp_path):
    db = tmp_path / "wh.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create schema staging")
    result = run_checks(db, tmp_path / "out")
    assert not result.ok
    assert any("fct_kpi_values" in m for m in result.failures)


def _referrals(path: Path, monthly: list[int]) -> Path:
    """A warehouse with `monthly[i]` referrals in the i-th of the 13 months before October 2021."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema staging")
        con.execute("create table staging.stg_la__extract_manifests (extract_date date, landing_row_number bigint)")
        con.execute("insert into staging.stg_la__extract_manifests values (date '2021-10-20', 1)")
        con.execute("""create table staging.stg_ssd__cin_episodes (referral_id varchar, person_id varchar,
            child_key varchar, referral_date date, landing_row_number bigint)""")
        rows, row = [], 0
        for month, count in enumerate(monthly):
            for _ in range(count):
                row += 1
                rows.append((f"R{row}", f"P{row}", "a" * 64, f"2020-{9 + month:02d}-15" if month < 4
                             else f"2021-{month - 3:02d}-15", row))
        rows.append(("R0", "P0", "a" * 64, "2021-10-02", row + 1))  # the extract month: not compared
        con.executemany("insert into staging.stg_ssd__cin_episodes values (?, ?, ?, ?, ?)", rows)
    return path


def test_steady_monthly_row_counts_give_no_warning(tmp_path):
    result = run_checks(_referrals(tmp_path / "wh.duckdb", [30, 32, 28, 35, 30, 31, 29, 33, 30, 34, 28, 31, 30]),
                        tmp_path / "out")
    assert not any("monthly_row_counts" in m for m in result.failures + result.warnings), result.warnings


def test_a_month_missing_from_the_extract_is_a_row_count_warning(tmp_path):
    monthly = [30, 32, 28, 35, 30, 31, 0, 33, 30, 34, 28, 31, 30]   # March 2021 missing
    result = run_checks(_referrals(tmp_path / "wh.duckdb", monthly), tmp_path / "out")
    assert any(m.startswith("GX suite monthly_row_counts: expect_column_values_to_be_between(column=change_ratio)")
               and "stg_ssd__cin_episodes" in m and "2021-03-01" in m for m in result.warnings), result.warnings
    assert not any("monthly_row_counts" in m for m in result.failures)
