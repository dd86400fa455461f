"""Small vectorised sampling helpers over numpy Generators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def categorical(rng: np.random.Generator, weights: Mapping[str, float], n: int) -> np.ndarray:
    """n labels drawn with the given (unnormalised) weights, as an object array."""
    labels = np.array(list(weights.keys()), dtype=object)
    p = np.array(list(weights.values()), dtype=float)
    return labels[rng.choice(len(labels), size=n, p=p / p.sum())]


def index_choice(rng: np.random.Generator, weights: Sequence[float], n: int) -> np.ndarray:
    p = np.asarray(weights, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def lognormal_days(rng: np.random.Generator, median: float | np.ndarray, sigma: float, n: int) -> np.ndarray:
    return np.maximum(1, np.round(median * np.exp(sigma * rng.standard_normal(n)))).astype(np.int64)


def uniform_int(rng: np.random.Generator, bounds: Sequence[int], n: int) -> np.ndarray:
    """Integers in [lo, hi] inclusive."""
    lo, hi = int(bounds[0]), int(bounds[1])
    return rng.integers(lo, hi + 1, size=n)


# Random streams of one area. The part-1 journeys draw from SeedSequence([seed, area]) and the
# dirty mode from [seed, area, 7]; part 2 (inspection tables) has streams of its own, so adding
# or changing part-2 data never moves a single draw of the part-1 files.
STREAM_TAGS = {"dirty": 7, "inspection": 12, "inspection_dirty": 13}


def stream(seed: int, area: int, name: str) -> np.random.Generator:
    """The named random stream of an area (see STREAM_TAGS)."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, area, STREAM_TAGS[name]])))
