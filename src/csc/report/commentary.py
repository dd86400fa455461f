"""Analyst commentary for the report, from a Markdown or YAML file.

Markdown: one level-2 heading per area (``## Referrals``, ``## Children in need`` ...);
text before the first such heading is the report summary. YAML: a mapping from area (or
``summary``) to Markdown text. Area names are matched loosely (case, spaces, ``&``) and a few
aliases are accepted (``CIN``, ``CP``, ``CLA``, ``care experienced young people``,
``recruitment``, ``DQ``). An unknown area is an error, so a typo does not drop text silently.
Commentary is rendered from Markdown with raw HTML escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import mistune
import yaml

SUMMARY_KEY = "summary"

ALIASES = {
    "cin": "children_in_need",
    "cp": "child_protection",
    "cla": "children_in_care",
    "looked_after_children": "children_in_care",
    "children_looked_after": "children_in_care",
    "care_experienced_young_people": "care_leavers",
    "care_experienced": "care_leavers",
    "caseload": "caseloads",
    "recruitment": "workforce",
    "dq": "data_quality",
    "overview": SUMMARY_KEY,
    "introduction": SUMMARY_KEY,
}

_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^(```|~~~)")


class CommentaryError(ValueError):
    """The commentary file cannot be used."""


def normalise_key(text: str) -> str:
    key = text.strip().lower().replace("&", " and ")
    key = re.sub(r"[^a-z0-9]+", "_", key).strip("_")
    return ALIASES.get(key, key)


def _split_markdown(text: str) -> dict[str, str]:
    parts: dict[str, list[str]] = {}
    order: list[str] = []
    current = SUMMARY_KEY
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line.strip()):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match:
            current = match.group(1)
            if current in parts:
                raise CommentaryError(f"heading '## {current}' appears twice")
            continue
        if current not in parts:
            parts[current] = []
            order.append(current)
        parts[current].append(line)
    return {name: "\n".join(parts[name]).strip() for name in order}


def _read(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yml", ".yaml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise CommentaryError(f"{path}: not valid YAML: {exc}") from exc
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise CommentaryError(f"{path}: expected a mapping from area to text")
        result: dict[str, str] = {}
        for key, value in data.items():
            if value is None:
                continue
            if isinstance(value, list):
                value = "\n".join(f"- {item}" for item in value)
            if not isinstance(value, str):
                raise CommentaryError(f"{path}: the commentary for {key!r} is not text")
            result[str(key)] = value
        return result
    if path.suffix.lower() in (".md", ".markdown", ".txt"):
        return _split_markdown(text)
    raise CommentaryError(f"{path}: commentary must be Markdown (.md) or YAML (.yml/.yaml)")


def load_commentary(path: Path | None, area_keys: Iterable[str], titles: dict[str, str] | None = None) -> dict[str, str]:
    """Map area key -> commentary HTML. ``area_keys`` are the report's sections."""
    if path is None:
        return {}
    path = Path(path)
    if not path.is_file():
        raise CommentaryError(f"commentary file not found: {path}")
    known = {normalise_key(key): key for key in area_keys}
    for key, title in (titles or {}).items():
        known.setdefault(normalise_key(title), key)
    known[SUMMARY_KEY] = SUMMARY_KEY
    markdown = mistune.create_markdown(escape=True)
    result: dict[str, str] = {}
    unknown: list[str] = []
    for raw_key, text in _read(path).items():
        key = known.get(normalise_key(raw_key))
        if key is None:
            unknown.append(raw_key)
            continue
        if not text.strip():
            continue
        html = str(markdown(text))
        result[key] = result.get(key, "") + html
    if unknown:
        valid = ", ".join(sorted(set(known)))
        raise CommentaryError(
            f"{path}: unknown area(s) {', '.join(repr(u) for u in unknown)}; use one of: {valid}"
        )
    return result
