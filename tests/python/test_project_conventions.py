"""Every model and column is documented, and the build logs no deprecation. (Every model's
primary-key test is one of the structure rules: test_project_structure.py, rule
missing_primary_key_test.)"""

from __future__ import annotations

import json

import duckdb
import pytest


@pytest.fixture(scope="module")
def manifest(minimal_build):
    return json.loads((minimal_build.target_dir / "manifest.json").read_text(encoding="utf-8"))


def project_models(manifest):
    return {
        node_id: node for node_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["package_name"] == "csc_warehouse"
    }


def test_every_model_is_described(manifest):
    undocumented = [node["name"] for node in project_models(manifest).values() if not node["description"].strip()]
    assert undocumented == []


def test_every_column_is_described(manifest, minimal_build):
    problems = []
    with duckdb.connect(str(minimal_build.db_path), read_only=True) as con:
        for node in project_models(manifest).values():
            if node["config"]["materialized"] == "ephemeral":
                continue
            actual = {
                row[0] for row in con.execute(
                    "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                    [node["schema"], node["alias"]],
                ).fetchall()
            }
            documented = {name for name, column in node["columns"].items() if column["description"].strip()}
            missing = sorted(actual - documented)
            if missing:
                problems.append(f"{node['name']}: {', '.join(missing)}")
    assert problems == []


def test_no_deprecation_warnings(minimal_build):
    log = (minimal_build.target_dir / "logs" / "dbt.log").read_text(encoding="utf-8")
    assert "Deprecat" not in log
