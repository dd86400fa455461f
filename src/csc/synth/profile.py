"""Calibration profiles (YAML) for the generator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PROFILE_DIR = Path(__file__).parent / "profiles"


def merge_profiles(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_profiles(out[key], value)
        else:
            out[key] = value
    return out


def load_profile(name_or_path: str) -> dict[str, Any]:
    """Load a profile by name (county, national) or path. A profile may name a `base`
    profile whose values it overrides."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.yml"
    if not path.exists():
        raise FileNotFoundError(f"profile not found: {name_or_path}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = data.pop("base", None)
    if base:
        data = merge_profiles(load_profile(base), data)
    return data
