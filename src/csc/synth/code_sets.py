"""Code-set columns (the SSD `_json` columns) written in the forms the landing contract accepts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyarrow as pa

from csc.synth.draws import categorical

FORMS = ("array", "object", "delimited")
DELIMITERS = (",", ";", "|")


def code_set_text(codes: Sequence[str], form: str, unselected: Sequence[str] = (), delimiter: str = ",") -> str:
    """One code set as text: a JSON array `["1A","3B"]`, a JSON object whose selected keys
    have `Y` and whose listed unselected keys have `N`, or codes joined by a delimiter.
    Codes are plain identifiers (no quotes or backslashes), so the JSON is written directly."""
    if form == "array":
        return "[" + ",".join(f'"{c}"' for c in codes) + "]"
    if form == "object":
        flags = [f'"{c}":"Y"' for c in codes] + [f'"{c}":"N"' for c in dict.fromkeys(unselected) if c not in codes]
        return "{" + ",".join(flags) + "}"
    if form == "delimited":
        return delimiter.join(codes)
    raise ValueError(f"code-set form must be one of {FORMS}, not {form!r}")


def code_set_column(rng: np.random.Generator, sets: Sequence[Sequence[str]], forms: Mapping[str, float],
                    universe: Sequence[str] = ()) -> pa.Array:
    """Text of each code set, each row in a form drawn with the profile's weights. Object rows
    also list up to two codes of `universe` that are not selected, flagged `N`."""
    n = len(sets)
    form = categorical(rng, forms, n).tolist()  # plain lists: indexing numpy arrays row by row is slow
    delimiter = np.array(DELIMITERS, dtype=object)[rng.integers(0, len(DELIMITERS), n)].tolist()
    extra = rng.integers(0, max(len(universe), 1), (n, 2)).tolist()
    out = []
    for i, codes in enumerate(sets):
        unselected = [universe[j] for j in extra[i]] if universe and form[i] == "object" else []
        out.append(code_set_text(codes, form[i], unselected, delimiter[i]))
    return pa.array(out, type=pa.string())
