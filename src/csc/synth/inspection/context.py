"""What the part-1 simulation of an area made, handed to the part-2 (inspection) tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from csc.synth import formatting as F
from csc.synth.calendar import NA, WorkCalendar
from csc.synth.organisation import Organisation

Tables = dict[str, dict[str, pa.Array]]


@dataclass
class Journeys:
    """What the part-1 simulation of one area made, as local indexes and day numbers."""

    prof: dict[str, Any]
    area: int
    history_start: int
    extract_day: int
    cal: WorkCalendar
    org: Organisation
    person: dict[str, np.ndarray]          # dob, loc, disabled, sex
    eps: dict[str, np.ndarray]             # one element per referral (journeys.simulate_episodes)
    assessment_ref: np.ndarray             # referral index of each assessment row
    cin_ref: np.ndarray                    # referral index of each CIN plan row
    cp_ref: np.ndarray                     # referral index of each CP plan row
    periods: dict[str, np.ndarray]         # periods of care (not short breaks): child, start, end, exit
    episodes: dict[str, np.ndarray]        # every ssd_cla_episodes row: period, start, end
    placements: dict[str, np.ndarray]      # every ssd_cla_placement row: period, start, end, type, reason, distance
    legal: dict[str, np.ndarray]           # every ssd_legal_status row: child, code, start, end
    alloc: dict[str, np.ndarray]           # allocations (ssd_involvements): team, start, end, person


def person_ids(j: Journeys, local: np.ndarray) -> pa.Array:
    """Person ids of local person indexes."""
    return F.ids(local, "person", j.area)


def age_at(dob: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Age in years (fractional)."""
    return (np.asarray(day) - np.asarray(dob)) / 365.25


def last_day(end: np.ndarray, extract_day: int) -> np.ndarray:
    """Last day of an interval: the day before its end, or the extract date when open."""
    return np.where(end == NA, extract_day, end - 1)
