"""Session fixtures: synthetic landing folders generated once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from csc.synth.generate import generate

SMALL = dict(profile="county", children=30_000, years=6, seed=11, progress=False)


@pytest.fixture(scope="session")
def small_clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth_small_clean")
    generate(out, **SMALL)
    return out


@pytest.fixture(scope="session")
def small_dirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth_small_dirty")
    generate(out, dirty=True, **SMALL)
    return out


@pytest.fixture(scope="session")
def full_county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth_county")
    generate(out, profile="county", seed=3, progress=False)
    return out
