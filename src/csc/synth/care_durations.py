"""How long a period of care lasts and how it ends (vectorised)."""

from __future__ import annotations

from typing import Any

import numpy as np

from csc.synth.calendar import NA, birthday_days
from csc.synth.draws import categorical, lognormal_days


def draw_periods(rng: np.random.Generator, prof: dict[str, Any], start: np.ndarray,
                 dob: np.ndarray, extract_day: int) -> dict[str, np.ndarray]:
    """End day (NA when still open at the extract), exit reason and duration class
    ('short', 'medium', 'to_18') of periods of care starting on `start`."""
    care = prof["care"]
    n = len(start)
    classes = care["duration_classes"]
    names = np.array(list(classes.keys()), dtype=object)
    shares = np.array([c["share"] for c in classes.values()], dtype=float)
    klass = names[rng.choice(len(names), size=n, p=shares / shares.sum())]
    eighteen = birthday_days(dob, 18)
    end = np.full(n, NA, dtype=np.int64)
    exit_code = np.empty(n, dtype=object)
    age_years = (start - dob) / 365.25
    for name in ("short", "medium"):
        m = klass == name
        c = classes[name]
        end[m] = start[m] + lognormal_days(rng, c["median_days"], c["sigma"], int(m.sum()))
    m = klass == "to_18"
    end[m] = eighteen[m]
    exit_code[klass == "short"] = categorical(rng, care["exit_short"], int((klass == "short").sum()))
    med_young = (klass == "medium") & (age_years < 5)
    med_old = (klass == "medium") & ~med_young
    exit_code[med_young] = categorical(rng, care["exit_medium_young"], int(med_young.sum()))
    exit_code[med_old] = categorical(rng, care["exit_medium_old"], int(med_old.sum()))
    capped = end >= eighteen
    end = np.minimum(end, eighteen)
    exit_code[capped | (klass == "to_18")] = categorical(
        rng, care["exit_to_18"], int((capped | (klass == "to_18")).sum()))
    end = np.maximum(end, start + 1)
    end = np.where(end > extract_day, NA, end)
    return {"end": end, "exit": exit_code, "klass": klass}
