"""The demo, end to end, as a committee reader and a BI tool see it.

A small synthetic extract (``csc synth``) is built, reported and published once for the
module. Then:

* the report labels every breakdown row in words (dim_breakdown_labels): no raw code of a
  coded breakdown (``1A``, ``U4``, ``C2``, ``EMO``, ``1_to_2y``, a team id) is a row label;
* the published database carries the labels table and the view ``kpi_values_labelled``;
* every published table, view and column has a comment (from the dbt YAML);
* SQLAlchemy + duckdb-engine reflect every table and view as Superset does (the inspector
  calls it makes, then ``MetaData.reflect(views=True)``) and read rows.
"""

from __future__ import annotations

import html
import re
import sys
import warnings
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

PYTHON_TESTS = Path(__file__).resolve().parents[1]
if str(PYTHON_TESTS) not in sys.path:
    sys.path.insert(0, str(PYTHON_TESTS))

from shared_builds import copy_warehouse, small_demo  # noqa: E402
from warehouse_helpers import invoke_csc as _invoke  # noqa: E402

ROW_LABEL = re.compile(r'<th scope="row">(.*?)</th>', flags=re.S)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("published_demo")
    db_path = copy_warehouse(small_demo(tmp_path_factory)["db"], work)  # shared with test_annex_a_demo
    _invoke(["report", "--db", str(db_path), "--out", str(work / "report")])
    published = work / "published.duckdb"
    _invoke(["publish", "--db", str(db_path), "--out", str(published)])
    return {"db": db_path, "report": next((work / "report").glob("*.html")), "published": published}


def _coded_values(db_path: Path) -> dict[str, set[str]]:
    """The values of fct_kpi_values' coded breakdowns (codes, bands, team ids)."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            """
            select distinct v.breakdown, v.breakdown_value
            from marts.fct_kpi_values as v
            inner join marts.dim_breakdown_labels as l using (breakdown, breakdown_value)
            where l.is_coded and v.breakdown_value not in ('all', 'unknown')
            """
        ).fetchall()
    found: dict[str, set[str]] = {}
    for breakdown, value in rows:
        found.setdefault(breakdown, set()).add(value)
    return found


def test_no_raw_code_is_a_row_label_of_the_report(demo: dict[str, Path]) -> None:
    coded = _coded_values(demo["db"])
    # the breakdowns the issue names are all there, so the check below is not vacuous
    for breakdown in ("referral_source", "placement_type", "legal_status", "category_of_abuse", "duration_band", "team"):
        assert coded.get(breakdown), breakdown
    page = demo["report"].read_text(encoding="utf-8")
    labels = {html.unescape(re.sub(r"<[^>]+>", "", label)).strip() for label in ROW_LABEL.findall(page)}
    raw = sorted({value for values in coded.values() for value in values} & labels)
    assert not raw, f"raw codes shown as row labels: {raw}"
    for code in ("1A", "U4", "C2", "EMO", "1_to_2y", "2y_plus", "IRT-N"):
        assert code not in labels, code
    # and their words are there instead
    with duckdb.connect(str(demo["db"]), read_only=True) as con:
        for breakdown in ("referral_source", "category_of_abuse", "duration_band", "placement_type", "team"):
            words = {row[0] for row in con.execute(
                "select label from marts.dim_breakdown_labels where breakdown = ? and label_source <> 'fixed'",
                [breakdown]).fetchall()}
            assert words & labels, breakdown


def test_bands_are_in_their_natural_order(demo: dict[str, Path]) -> None:
    page = demo["report"].read_text(encoding="utf-8")
    article = re.search(r'<article[^>]*id="kpi-cin_plan_duration".*?</article>', page, flags=re.S)
    assert article, "cin_plan_duration tile"
    labels = [re.sub(r"<[^>]+>", "", label).strip() for label in ROW_LABEL.findall(article.group(0))]
    order = ["Under 1 year", "1 year to under 2 years", "2 years or more"]
    assert [label for label in labels if label in order] == order


def test_published_labels_and_labelled_view(demo: dict[str, Path]) -> None:
    with duckdb.connect(str(demo["published"]), read_only=True) as con:
        missing = con.execute(
            """
            select count(*) from fct_kpi_values as v
            left join dim_breakdown_labels as l using (breakdown, breakdown_value)
            where l.label is null
            """
        ).fetchall()[0][0]
        assert missing == 0
        kinds = dict(con.execute("select table_name, table_type from information_schema.tables").fetchall())
        assert kinds["kpi_values_labelled"] == "VIEW"
        assert con.execute("select count(*) from kpi_values_labelled").fetchall() == con.execute(
            "select count(*) from fct_kpi_values").fetchall()
        row = con.execute(
            """
            select kpi_name, breakdown_label, breakdown_value_label from kpi_values_labelled
            where kpi_id = 'cp_children' and breakdown = 'category_of_abuse' and breakdown_value = 'NEG'
            limit 1
            """
        ).fetchall()
        assert row == [("Children on a child protection plan", "Category of abuse", "Neglect")]
        unlabelled = con.execute(
            "select count(*) from kpi_values_labelled where breakdown_value_label is null or kpi_name is null"
        ).fetchall()[0][0]
        assert unlabelled == 0


def test_every_published_relation_and_column_has_a_comment(demo: dict[str, Path]) -> None:
    with duckdb.connect(str(demo["published"]), read_only=True) as con:
        relations = con.execute(
            """
            select table_name, comment from duckdb_tables()
            where database_name = current_database() and schema_name = 'main' and not internal
            union all
            select view_name, comment from duckdb_views()
            where database_name = current_database() and schema_name = 'main' and not internal
            """
        ).fetchall()
        columns = con.execute(
            """
            select table_name, column_name, comment from duckdb_columns()
            where database_name = current_database() and schema_name = 'main' and not internal
            """
        ).fetchall()
    assert len(relations) >= 7
    bare = [name for name, comment in relations if not (comment or "").strip()]
    assert not bare, f"relations without a comment: {bare}"
    bare_columns = [f"{table}.{column}" for table, column, comment in columns if not (comment or "").strip()]
    assert not bare_columns, f"columns without a comment: {bare_columns}"


def test_sqlalchemy_reflects_every_table_and_view_as_superset_does(demo: dict[str, Path]) -> None:
    engine = sa.create_engine(f"duckdb:///{demo['published']}", connect_args={"read_only": True})
    try:
        with warnings.catch_warnings():
            # duckdb-engine warns that it does not reflect indexes (it returns none); not an error
            warnings.filterwarnings("ignore", message=".*reflection on indices.*")
            inspector = sa.inspect(engine)
            tables = inspector.get_table_names()
            views = inspector.get_view_names()
            assert "fct_kpi_values" in tables and "dim_breakdown_labels" in tables
            assert "kpi_values_labelled" in views
            for name in [*tables, *views]:
                columns = inspector.get_columns(name)
                assert columns, name
                assert all(column["comment"] for column in columns), name
                inspector.get_pk_constraint(name)
                inspector.get_foreign_keys(name)
                inspector.get_indexes(name)
                assert inspector.get_table_comment(name)["text"], name
            metadata = sa.MetaData()
            metadata.reflect(engine, views=True)
            assert set(metadata.tables) == set(tables) | set(views)
            labelled = sa.Table("kpi_values_labelled", sa.MetaData(), autoload_with=engine)
        with engine.connect() as connection:
            rows = connection.execute(
                sa.select(labelled.c.kpi_name, labelled.c.breakdown_value_label, labelled.c.value)
                .where(labelled.c.breakdown == "referral_source")
                .limit(5)
            ).fetchall()
            assert rows and all(row.kpi_name and row.breakdown_value_label for row in rows)
            for name in metadata.tables:
                connection.execute(sa.select(metadata.tables[name]).limit(1)).fetchall()
    finally:
        engine.dispose()


def test_report_gives_each_kpi_its_plain_definition_beside_the_exact_one(demo: dict[str, Path]) -> None:
    page = demo["report"].read_text(encoding="utf-8")
    with duckdb.connect(str(demo["db"]), read_only=True) as con:
        plain, exact = con.execute(
            "select plain_definition, definition from reference.kpi_catalogue where kpi_id = 'rereferral_rate'"
        ).fetchall()[0]
    entry = re.search(r"<dt>Re-referrals within 12 months <code>rereferral_rate</code></dt>\s*<dd>(.*?)</dd>", page, flags=re.S)
    assert entry, "the definitions list has rereferral_rate"
    text = html.unescape(entry.group(1))
    assert plain in text
    folded = re.search(r'<details class="exact-definition">.*?</details>', text, flags=re.S)
    assert folded and exact in folded.group(0)
    assert page.count('<p class="plain-definition">') == page.count('<article class="kpi"')
