"""Turn simulated arrays into landing text columns (pyarrow string arrays)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from csc.synth.calendar import NA
from csc.synth.schema import AREA_ID_SPAN, TABLE_ID_OFFSET


def dates(days: np.ndarray) -> pa.Array:
    days = np.asarray(days, dtype=np.int64)
    missing = days == NA
    arr = pa.array(np.where(missing, 0, days).astype(np.int32), type=pa.int32(), mask=missing)
    return arr.cast(pa.date32()).cast(pa.string())


def ids(local_index: np.ndarray, kind: str, area: int) -> pa.Array:
    """Numeric string ids; a negative local index is a null id."""
    idx = np.asarray(local_index, dtype=np.int64)
    missing = idx < 0
    value = area * AREA_ID_SPAN + TABLE_ID_OFFSET[kind] + idx + 1
    return pa.array(np.where(missing, 0, value), type=pa.int64(), mask=missing).cast(pa.string())


def flags(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    v = np.asarray(values, dtype=bool)
    return pa.array(np.where(v, "Y", "N").astype(object), type=pa.string(),
                    mask=None if mask is None else np.asarray(mask, dtype=bool))


def text(values) -> pa.Array:
    return pa.array(np.asarray(values, dtype=object), type=pa.string(), from_pandas=True)


def numbers(values, fmt: str) -> pa.Array:
    return pa.array([None if v is None or (isinstance(v, float) and np.isnan(v)) else format(v, fmt)
                     for v in values], type=pa.string())


def nulls(n: int) -> pa.Array:
    return pa.nulls(n, type=pa.string())
