"""CP review conferences and CLA reviews on their statutory schedules (some late), and the
episodes' last IRO contact."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from csc.synth import formatting as F

from csc.synth.calendar import NA, WorkCalendar, add_months_day
from csc.synth.draws import categorical
from csc.synth.inspection.context import Journeys, age_at, person_ids


def _participation(rng: np.random.Generator, dob: np.ndarray, day: np.ndarray, weights: dict[str, float]) -> np.ndarray:
    """PN0 for a child under 4 at the review, else a participation code PN1-PN7."""
    code = categorical(rng, weights, len(day))
    return np.where(age_at(dob, day) < 4, "PN0", code).astype(object)


def _schedule(rng: np.random.Generator, first_due: int, stop: int, second_months: int, later_months: int,
              late_p: float, cfg: dict[str, Any], cal: WorkCalendar) -> list[tuple[int, int]]:
    """(due, held) pairs of a review chain from its first due date while held <= stop: held on
    a working day up to `early_days` before the due date, or late by `late_days` with
    probability `late_p`; the next due date counts from the review held."""
    out: list[tuple[int, int]] = []
    due, k = first_due, 1
    while True:
        if rng.random() < late_p:
            held = due + int(rng.integers(cfg["late_days"][0], cfg["late_days"][1] + 1))
        else:
            held = due - int(rng.integers(cfg["early_days"][0], cfg["early_days"][1] + 1))
        held = cal.roll_forward_day(held) if held <= due else held
        if held > stop:
            out.append((due, NA))  # the next review, planned
            return out
        out.append((due, held))
        due = add_months_day(held, second_months if k == 1 else later_months)
        k += 1


def _late_by_locality(j: Journeys, cfg: dict[str, Any], loc: np.ndarray) -> np.ndarray:
    perf = j.prof.get("performance", {})
    mult = np.array([perf.get(name, {}).get("review_late", 1.0) for name in j.org.localities], dtype=float)
    return np.clip(cfg["late_probability"] * mult[loc], 0, 0.95)


def cp_reviews(rng: np.random.Generator, j: Journeys) -> dict[str, pa.Array]:
    """Review conferences of each CP plan: the first due 3 months after the plan starts,
    then every 6 months; the plan ends at a review (continue = N). Reviews from the history
    start; the next planned review of an open plan has a due date and no review date."""
    cfg = j.prof["inspection"]["cp_reviews"]
    E, H = j.extract_day, j.history_start
    eps = j.eps
    late = _late_by_locality(j, cfg, j.person["loc"][eps["child"][j.cp_ref]])
    rows: dict[str, list] = {k: [] for k in ("plan", "due", "held", "continue")}
    for p, r in enumerate(j.cp_ref):
        start, end = int(eps["cp_start"][r]), int(eps["cp_end"][r])
        stop = E if end == NA else end
        chain = _schedule(rng, add_months_day(start, 3), stop, 6, 6, late[p], cfg, j.cal)
        if end != NA:
            chain = [c for c in chain if c[1] != NA]
            if not chain or chain[-1][1] < end:
                due = add_months_day(chain[-1][1] if chain else start, 6 if chain else 3)
                chain.append((due, end))
        for k, (due, held) in enumerate(chain):
            if held != NA and held < H:
                continue
            rows["plan"].append(p)
            rows["due"].append(due)
            rows["held"].append(held)
            rows["continue"].append(None if held == NA else ("N" if end != NA and k == len(chain) - 1 else "Y"))
    plan = np.asarray(rows["plan"], dtype=np.int64)
    held = np.asarray(rows["held"], dtype=np.int64)
    person = eps["child"][j.cp_ref[plan]]
    n = len(plan)
    quorate = rng.random(n) < cfg["quorate"]
    return {
        "cppr_cp_review_id": F.ids(np.arange(n), "cp_review", j.area), "cppr_person_id": person_ids(j, person),
        "cppr_cp_plan_id": F.ids(plan, "cp_plan", j.area), "cppr_cp_review_due": F.dates(np.asarray(rows["due"])),
        "cppr_cp_review_date": F.dates(held), "cppr_cp_review_meeting_id": F.nulls(n),
        "cppr_cp_review_outcome_continue_cp": F.text(np.asarray(rows["continue"], dtype=object)),
        "cppr_cp_review_quorate": F.flags(quorate, mask=held == NA),
        "cppr_cp_review_participation": F.text(np.where(
            held == NA, None, _participation(rng, j.person["dob"][person], held, cfg["participation"]))),
    }


def cla_reviews(rng: np.random.Generator, j: Journeys) -> tuple[dict[str, pa.Array], np.ndarray, np.ndarray]:
    """Reviews of each period of care: the first due on the 20th working day, the second
    3 months after it, then every 6 months; a few cancelled (and held again days later).
    Also returns each review's period and date (for the episodes' last IRO contact)."""
    cfg = j.prof["inspection"]["cla_reviews"]
    E, H = j.extract_day, j.history_start
    per = j.periods
    late = _late_by_locality(j, cfg, j.person["loc"][per["child"]])
    rows: dict[str, list] = {k: [] for k in ("period", "due", "held", "cancelled")}
    first_due = j.cal.add(per["start"], cfg["first_review_working_days"])
    for p in range(len(per["start"])):
        end = int(per["end"][p])
        stop = E if end == NA else end
        for due, held in _schedule(rng, int(first_due[p]), stop, 3, 6, late[p], cfg, j.cal):
            if held != NA and held < H:
                continue
            if held != NA and rng.random() < cfg["cancelled_share"] and held - 7 >= per["start"][p]:
                rows["period"].append(p), rows["due"].append(due)
                rows["held"].append(held - int(rng.integers(3, 8))), rows["cancelled"].append(True)
            rows["period"].append(p), rows["due"].append(due), rows["held"].append(held)
            rows["cancelled"].append(False)
    period = np.asarray(rows["period"], dtype=np.int64)
    held = np.asarray(rows["held"], dtype=np.int64)
    cancelled = np.asarray(rows["cancelled"], dtype=bool)
    person = per["child"][period]
    n = len(period)
    blank_person = rng.random(n) < cfg["person_id_blank_share"]
    table = {
        "clar_cla_review_id": F.ids(np.arange(n), "cla_review", j.area),
        "clar_cla_id": F.ids(period, "cla_period", j.area),
        "clar_cla_person_id": F.ids(np.where(blank_person, -1, person), "person", j.area),
        "clar_cla_review_due_date": F.dates(np.asarray(rows["due"])), "clar_cla_review_date": F.dates(held),
        "clar_cla_review_cancelled": F.text(np.where(cancelled, "Y", np.where(held == NA, None, "N"))),
        "clar_cla_review_participation": F.text(np.where(
            (held == NA) | cancelled, None, _participation(rng, j.person["dob"][person], held, cfg["participation"]))),
    }
    done = (held != NA) & ~cancelled
    return table, period[done], held[done]


def last_iro_contact(rng: np.random.Generator, j: Journeys, review_period: np.ndarray,
                     review_day: np.ndarray) -> pa.Array:
    """Per episode row: the latest review of its period dated by the episode's end (the
    extract date when open); an open episode may have a later IRO contact between reviews."""
    ep = j.episodes
    n_care = len(j.periods["start"])
    stop = np.where(ep["end"] == NA, j.extract_day, ep["end"])
    out = np.full(len(stop), NA, dtype=np.int64)
    order = np.lexsort((review_day, review_period))
    rp, rd = review_period[order], review_day[order]
    for k in np.flatnonzero(ep["period"] < n_care):
        lo, hi = np.searchsorted(rp, ep["period"][k], "left"), np.searchsorted(rp, ep["period"][k], "right")
        days = rd[lo:hi]
        days = days[(days <= stop[k]) & (days >= ep["start"][k] - 400)]
        if len(days):
            out[k] = days[-1]
    is_open = (ep["end"] == NA) & (out != NA)
    extra = np.minimum(rng.integers(0, 60, len(out)), np.maximum(j.extract_day - out, 0))
    out = np.where(is_open & (rng.random(len(out)) < 0.5), out + extra, out)
    return F.dates(out)
