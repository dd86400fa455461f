"""Analyst commentary files: Markdown and YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from csc.report.commentary import CommentaryError, load_commentary

AREAS = ["referrals", "children_in_need", "child_protection", "care_leavers", "data_quality"]
TITLES = {"care_leavers": "Care experienced young people"}


def test_markdown_sections_map_to_areas(tmp_path: Path) -> None:
    path = tmp_path / "commentary.md"
    path.write_text(
        "# October 2021\n\nOverall demand is high.\n\n"
        "## Referrals\n\n- Volumes rose **after** the pandemic\n- MASH staffing agreed\n\n"
        "## Children in Need\n\nVisits are a focus.\n\n"
        "## Care experienced young people ##\n\nAll have a PA.\n\n"
        "## CP\n\n```\n## not a heading\n```\n",
        encoding="utf-8",
    )
    result = load_commentary(path, AREAS, TITLES)
    assert set(result) == {"summary", "referrals", "children_in_need", "care_leavers", "child_protection"}
    assert "<li>Volumes rose <strong>after</strong> the pandemic</li>" in result["referrals"]
    assert "Overall demand is high." in result["summary"]
    assert "All have a PA." in result["care_leavers"]
    assert "## not a heading" in result["child_protection"]


def test_yaml_commentary(tmp_path: Path) -> None:
    path = tmp_path / "commentary.yml"
    path.write_text(
        "referrals: |\n  Re-referrals are *down*.\nData quality:\n  - CIN 8500 fixed\n  - Two duplicates\n",
        encoding="utf-8",
    )
    result = load_commentary(path, AREAS, TITLES)
    assert "<em>down</em>" in result["referrals"]
    assert result["data_quality"].count("<li>") == 2


def test_raw_html_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("## Referrals\n\n<script>alert(1)</script> & more\n", encoding="utf-8")
    html = load_commentary(path, AREAS, TITLES)["referrals"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unknown_area_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("## Referals\n\nTypo in the heading.\n", encoding="utf-8")
    with pytest.raises(CommentaryError, match="Referals"):
        load_commentary(path, AREAS, TITLES)


def test_duplicate_heading_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("## Referrals\n\na\n\n## Referrals\n\nb\n", encoding="utf-8")
    with pytest.raises(CommentaryError, match="twice"):
        load_commentary(path, AREAS, TITLES)


def test_other_formats_and_missing_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(CommentaryError):
        load_commentary(tmp_path / "missing.md", AREAS)
    other = tmp_path / "c.docx"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(CommentaryError):
        load_commentary(other, AREAS)
    bad_yaml = tmp_path / "c.yaml"
    bad_yaml.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(CommentaryError):
        load_commentary(bad_yaml, AREAS)


def test_no_file_means_no_commentary() -> None:
    assert load_commentary(None, AREAS) == {}
