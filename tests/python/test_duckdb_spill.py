"""A dbt build that spills to disk goes on to its next model (profiles.yml's spill folder).

dbt-duckdb runs the profile's ``settings`` again on every cursor it opens (one per model), and
DuckDB refuses ``SET temp_directory`` once it has written to the folder, even to the same
folder. With the folder among ``settings``, the first model that spilled was followed by
"Cannot switch temporary directory after the current one has been used" at the next model
(found on the national profile under a 5 GB limit). The repository's profile gives the folder
once, in ``config_options``, when the database is opened.

A two-model project is built with the repository's profile under a memory limit small enough
that the first model's sort spills. The same project with the folder moved back into
``settings`` must fail with DuckDB's error: that shows the first model really spilled, so the
passing build is not passing for want of a spill.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from csc.dbt_runner import dbt_executable
from csc.paths import find_project_dir

SPILLING_MODEL = """
select i, md5(cast(i as varchar)) as digest
from range(3000000) as numbers (i)
order by digest
"""
NEXT_MODEL = "select count(*) as rows_sorted from {{ ref('spills') }}"
FOLDER_LINE = "        temp_directory: "


def _project(root: Path) -> Path:
    (root / "models").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(
        "name: spill_check\nversion: '1.0'\nprofile: csc_warehouse\nconfig-version: 2\n"
        "models:\n  spill_check:\n    +materialized: table\n",
        encoding="utf-8",
    )
    (root / "models" / "spills.sql").write_text(SPILLING_MODEL, encoding="utf-8")
    (root / "models" / "after_spill.sql").write_text(NEXT_MODEL, encoding="utf-8")
    return root


def _profile_with_folder_in_settings(profile: str) -> str:
    """The profile as it was: the spill folder among the per-cursor settings."""
    lines = profile.splitlines(keepends=True)
    folder = next(line for line in lines if line.startswith(FOLDER_LINE))
    lines.remove(folder)
    lines.insert(lines.index("      settings:\n") + 1, folder)
    return "".join(lines)


def _build(project: Path, profiles_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CSC_DUCKDB_PATH": str(tmp_path / "spill.duckdb"),
        "CSC_DUCKDB_MEMORY_LIMIT": "100MB",
        "CSC_DUCKDB_TEMP_DIR": str(tmp_path / "spill.duckdb.tmp"),
        "CSC_DUCKDB_MAX_TEMP_SIZE": "4GiB",
        "CSC_PSEUDONYM_KEY": "ab" * 32,
        "DBT_PROFILES_DIR": str(profiles_dir),
    }
    return subprocess.run(
        [dbt_executable(), "run", "--project-dir", str(project), "--threads", "1",
         "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return _project(tmp_path / "project")


def test_a_build_that_spilled_runs_its_next_model(project: Path, tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    profile = (find_project_dir() / "profiles.yml").read_text(encoding="utf-8")
    assert FOLDER_LINE in profile, "profiles.yml no longer names the spill folder"
    (profiles / "profiles.yml").write_text(profile, encoding="utf-8")
    result = _build(project, profiles, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "PASS=2" in result.stdout


def test_the_old_profile_fails_after_the_spill_so_the_model_does_spill(
    project: Path, tmp_path: Path
) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    profile = (find_project_dir() / "profiles.yml").read_text(encoding="utf-8")
    (profiles / "profiles.yml").write_text(_profile_with_folder_in_settings(profile), encoding="utf-8")
    result = _build(project, profiles, tmp_path)
    assert result.returncode != 0
    assert "Cannot switch temporary directory" in result.stdout
