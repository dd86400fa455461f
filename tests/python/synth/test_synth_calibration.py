"""The default county extract hits the issue's calibration targets (within +-15% relative),
computed from the generated files with pandas, independently of the dbt models. Rolling
12-month figures and stocks are checked at the extract date and one and two years before."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from synth_measures import TARGETS, Measures, read_landing

TOLERANCE = 0.15


@pytest.fixture(scope="module")
def figures(full_county: Path) -> pd.DataFrame:
    m = Measures(read_landing(full_county))
    assert m.population == 150_000
    assert m.extract == pd.Timestamp("2021-10-20")
    rows = {}
    for years_back in range(3):
        p = m.extract - pd.DateOffset(years=years_back)
        rows[p.date().isoformat()] = m.all_figures(p)
    return pd.DataFrame(rows)


# shares of the ~650 children on a CP plan by category are checked at the extract date only
# (the report's "current" split); a year-by-year check of a 12% share of 650 children would
# mostly test sampling noise
AT_EXTRACT_ONLY = {"cat_NEG", "cat_EMO", "cat_PHY"}


@pytest.mark.parametrize("kpi", sorted(TARGETS))
def test_within_tolerance(figures: pd.DataFrame, kpi: str):
    target = TARGETS[kpi]
    got = figures.loc[kpi]
    if kpi in AT_EXTRACT_ONLY:
        got = got.iloc[:1]
    bad = got[(got - target).abs() > TOLERANCE * target]
    assert bad.empty, f"{kpi}: target {target}, got {got.round(1).to_dict()}"


def test_sexual_abuse_is_a_small_share(figures: pd.DataFrame):
    # 3% target: relative tolerance is meaningless on ~20 children, so use 1.5-5%
    assert figures.loc["cat_SAB"].between(1.5, 5).all()


def test_care_leaver_cohort_is_large_enough(figures: pd.DataFrame):
    assert (figures.loc["cl_n"] > 300).all()
