"""Vectorised sequences of dated events inside intervals (visits, health checks)."""

from __future__ import annotations

import numpy as np


def event_sequences(rng: np.random.Generator, start: np.ndarray, stop: np.ndarray,
                    interval: tuple[int, int], late_probability: np.ndarray | float,
                    late_extra_mean: float, first_offset: tuple[int, int] | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Events for each owner i at start[i] + first offset, then every `interval` days
    (uniform in the range), an interval becoming late (plus an exponential delay) with
    `late_probability`; events after stop[i] are dropped. Returns (owner index, day)."""
    start = np.asarray(start, dtype=np.int64)
    stop = np.asarray(stop, dtype=np.int64)
    n = len(start)
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    lo, hi = interval
    span = np.maximum(stop - start, 0)
    slots = (span // max(lo, 1)) + 2
    total = int(slots.sum())
    owner = np.repeat(np.arange(n), slots)
    step = rng.integers(lo, hi + 1, total).astype(np.int64)
    late_p = np.broadcast_to(np.asarray(late_probability, dtype=float), (n,))[owner]
    late = rng.random(total) < late_p
    step = step + np.where(late, np.round(rng.exponential(late_extra_mean, total)).astype(np.int64) + 1, 0)
    first = np.r_[0, np.cumsum(slots)[:-1]]
    if first_offset is not None:
        step[first] = rng.integers(first_offset[0], first_offset[1] + 1, n)
    cs = np.cumsum(step)
    base = np.repeat(cs[first] - step[first], slots)
    day = start[owner] + (cs - base)
    keep = day <= stop[owner]
    return owner[keep], day[keep]
