"""`csc build --var NAME=VALUE`: how the suppression threshold (a dbt var) is set for a build."""

from __future__ import annotations

import pytest

from csc.cli import _parse_vars


def test_values_are_read_as_json_else_kept_as_text() -> None:
    assert _parse_vars(("suppression_threshold=10", "assessment_clock_start=referral", "x=null")) == {
        "suppression_threshold": 10,
        "assessment_clock_start": "referral",
        "x": None,
    }


@pytest.mark.parametrize("bad", ["suppression_threshold", "=4"])
def test_a_var_without_name_or_value_is_refused(bad: str) -> None:
    with pytest.raises(SystemExit):
        _parse_vars((bad,))
