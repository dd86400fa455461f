"""The static dbt docs page: lineage from landing columns to every model, readable offline."""

from __future__ import annotations

import json
import re

import pytest

from csc.report.browser import find_chromium, load_page
from warehouse_helpers import dbt


@pytest.fixture(scope="module")
def docs_page(minimal_build):
    result = dbt(minimal_build, "docs", "generate", "--static")
    assert result.ok, "\n".join(result.output[-30:])
    page = minimal_build.target_dir / "static_index.html"
    assert page.is_file()
    return page


def test_lineage_reaches_the_landing_sources(minimal_build, docs_page):
    manifest = json.loads((minimal_build.target_dir / "manifest.json").read_text(encoding="utf-8"))
    parents = manifest["parent_map"]
    assert parents["model.csc_warehouse.dim_teams"] == ["model.csc_warehouse.int_teams"]
    assert "model.csc_warehouse.stg_ssd__departments" in parents["model.csc_warehouse.int_teams"]
    assert parents["model.csc_warehouse.stg_ssd__departments"] == ["model.csc_warehouse.base_ssd__department"]
    assert parents["model.csc_warehouse.base_ssd__department"] == ["source.csc_warehouse.ssd.ssd_department"]
    source = manifest["sources"]["source.csc_warehouse.ssd.ssd_department"]
    assert source["columns"]["dept_team_id"]["description"]
    exposures = {node["name"] for node in manifest["exposures"].values()}
    assert {"monthly_performance_report", "published_kpi_database"} <= exposures


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (make test installs it)")
def test_docs_page_renders_offline(docs_page, tmp_path):
    page = load_page(
        docs_page,
        fragment="!/model/model.csc_warehouse.dim_teams",
        screenshot_path=tmp_path / "docs.png",
        window=(1280, 1600),
    )
    assert page.probe_found and page.errors == [] and page.failed_resources == []
    assert [url for url in page.resources if not url.startswith(("file:", "data:", "blob:"))] == []
    rendered = re.sub(r"<script.*?</script>", "", page.dom, flags=re.S)
    assert "dim_teams" in rendered and "stg_ssd__departments" in rendered
