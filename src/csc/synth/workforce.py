"""Allocations (ssd_involvements), the professionals who hold them and the HR return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from csc.synth.calendar import NA, month_ends
from csc.synth.organisation import Organisation

ROLE_SW, ROLE_FP, ROLE_PA = 0, 1, 2
HR_ROLE = {"Team Manager": "Team Manager", "Assistant Team Manager": "Assistant Team Manager",
           "Social Worker": "Social Worker", "Senior Social Worker": "Social Worker",
           "Advanced Practitioner": "Social Worker", "Family Practitioner": "Family Practitioner",
           "Personal Adviser": "Personal Adviser"}
CHANGE_REASONS = np.array(["Worker left", "Case transferred", "Team restructure", "Worker on leave"], dtype=object)


@dataclass
class Allocations:
    team: np.ndarray      # team id (object)
    role: np.ndarray      # ROLE_*
    start: np.ndarray
    end: np.ndarray
    person: np.ndarray    # local person index
    referral: np.ndarray  # local referral index or -1
    kind: np.ndarray      # what the allocation is for ('assessment', 'cin', ...)
    reason: np.ndarray    # worker change reason of a row that follows a change (object/None)
    worker: np.ndarray    # local professional index, filled by assign_workers


def split_worker_changes(rng: np.random.Generator, prof: dict[str, Any], a: dict[str, np.ndarray],
                         extract_day: int) -> dict[str, np.ndarray]:
    """Long allocations change worker now and then: split them at a random day."""
    rate = prof["workforce"]["worker_change_per_year"]
    stop = np.where(a["end"] == NA, extract_day, a["end"])
    years = (stop - a["start"]) / 365.25
    change = (stop - a["start"] > 60) & (rng.random(len(stop)) < 1 - np.exp(-rate * years))
    cut = a["start"] + 1 + (rng.random(len(stop)) * np.maximum(stop - a["start"] - 2, 1)).astype(np.int64)
    first = {k: v.copy() for k, v in a.items()}
    first["end"] = np.where(change, cut, a["end"])
    second = {k: v[change].copy() for k, v in a.items()}
    second["start"] = cut[change]
    second["reason"] = CHANGE_REASONS[rng.integers(0, len(CHANGE_REASONS), int(change.sum()))]
    return {k: np.concatenate([first[k], second[k]]) for k in a}


def build_workforce(rng: np.random.Generator, prof: dict[str, Any], org: Organisation,
                    alloc: dict[str, np.ndarray], extract_day: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Professionals per team, sized so that caseloads come out near the target, and a worker
    for every allocation. Returns (professionals, worker index per allocation)."""
    wf = prof["workforce"]
    perf = prof.get("performance", {})
    fte_vals = np.array([float(k) for k in wf["fte"]])
    fte_w = np.array(list(wf["fte"].values()), dtype=float)
    fte_w /= fte_w.sum()
    mean_fte = float((fte_vals * fte_w).sum())
    titles = list(wf["sw_titles"])
    title_w = np.array(list(wf["sw_titles"].values()), dtype=float)
    title_w /= title_w.sum()
    open_at_e = (alloc["start"] <= extract_day) & ((alloc["end"] == NA) | (alloc["end"] > extract_day))
    team_loc = org.team_locality()
    pro = {"team": [], "title": [], "fte": [], "agency": []}
    worker = np.full(len(alloc["team"]), -1, dtype=np.int64)

    def add(team: str, title: str, n: int, agency_p: float) -> np.ndarray:
        first = len(pro["team"])
        for _ in range(n):
            pro["team"].append(team)
            pro["title"].append(title if title != "SW" else titles[int(rng.choice(len(titles), p=title_w))])
            pro["fte"].append(float(fte_vals[int(rng.choice(len(fte_vals), p=fte_w))]))
            pro["agency"].append(agency_p)  # a weight for now; see below
        return np.arange(first, first + n)

    teams = [r["team_id"] for r in org.rows if r["service"]]
    for team in teams:
        li = team_loc.get(team)
        loc = org.localities[li] if li is not None else None
        lp = perf.get(loc, {}) if loc else {}
        agency_p = min(0.9, wf["agency_share"] * lp.get("agency", 1.0))
        add(team, "Team Manager", 1, agency_p)
        if not team.endswith(("CL-N", "CL-S", "CL-ME", "CL-EX")):
            add(team, "Assistant Team Manager", 1 if rng.random() < 0.5 else 0, agency_p)
        in_team = alloc["team"] == team
        for role in (ROLE_SW, ROLE_FP, ROLE_PA):
            m = in_team & (alloc["role"] == role)
            if role == ROLE_SW:
                load = int((m & open_at_e).sum())
                n = max(2, int(round(load / (wf["caseload_target"] * lp.get("caseload", 1.0) * mean_fte))))
                ids = add(team, "SW", n, agency_p)
            elif role == ROLE_FP:
                if not m.any():
                    continue
                n = int(rng.integers(wf["family_practitioners_per_team"][0], wf["family_practitioners_per_team"][1] + 1))
                ids = add(team, "Family Practitioner", n, 0.05)
            else:
                if not m.any():
                    continue
                load = int((m & open_at_e).sum())
                n = max(1, int(np.ceil(load / wf["pa_caseload"])))
                ids = add(team, "Personal Adviser", n, 0.05)
            idx = np.flatnonzero(m)
            worker[idx] = ids[rng.integers(0, len(ids), len(idx))]
    out = {k: np.array(v, dtype=object if k in ("team", "title") else None) for k, v in pro.items()}
    # agency workers: weighted sampling without replacement (teams with a higher agency factor
    # more likely) until their FTE reaches the target share of the area's FTE
    weight = np.maximum(out["agency"].astype(float), 1e-6)
    order = np.argsort(-(np.log(rng.random(len(weight))) / weight))
    target = wf["agency_share"] * out["fte"].sum()
    chosen = order[: int(np.searchsorted(np.cumsum(out["fte"][order]), target)) + 1]
    out["agency"] = np.zeros(len(weight), dtype=bool)
    out["agency"][chosen] = True
    holding = np.zeros(len(out["team"]), dtype=np.int64)
    np.add.at(holding, worker[open_at_e & (worker >= 0)], 1)
    out["caseload"] = holding
    return out, worker


def hr_establishment(rng: np.random.Generator, prof: dict[str, Any], org: Organisation,
                     pros: dict[str, np.ndarray], history_start: int, extract_day: int) -> dict[str, list]:
    """Monthly establishment return by team and role, consistent with the professionals.
    Teams' vacancy levels follow their locality's factor; each month the levels are scaled
    so that the area's vacancy rate (vacant FTE / budgeted FTE) is the profile's, with a
    small seasonal swing."""
    wf = prof["workforce"]
    perf = prof.get("performance", {})
    team_loc = org.team_locality()
    months = month_ends(history_start, extract_day)
    role = np.array([HR_ROLE[t] for t in pros["title"]], dtype=object)
    keys = sorted({(t, r) for t, r in zip(pros["team"], role)})
    agency_in_post = np.zeros(len(keys))
    employed_in_post = np.zeros(len(keys))
    factor = np.ones(len(keys))
    for j, (team, r) in enumerate(keys):
        m = (pros["team"] == team) & (role == r)
        agency_in_post[j] = float(pros["fte"][m & pros["agency"]].sum())
        employed_in_post[j] = float(pros["fte"][m & ~pros["agency"]].sum())
        li = team_loc.get(team)
        factor[j] = perf.get(org.localities[li], {}).get("vacancy", 1.0) if li is not None else 1.0
    rows: dict[str, list] = {k: [] for k in ("as_at", "role", "team", "budgeted", "permanent", "fixed_term", "agency", "vacancy")}
    for k, month in enumerate(months):
        target = wf["vacancy_rate"] * (1 + 0.06 * np.sin(2 * np.pi * (k % 12) / 12))
        emp = np.maximum(employed_in_post * (1 + rng.normal(0, 0.03, len(keys))), 0.0)
        ag = np.maximum(agency_in_post * (1 + rng.normal(0, 0.05, len(keys))), 0.0)
        ratio = factor * np.exp(rng.normal(0, 0.15, len(keys)))  # vacant FTE per employed FTE, relative
        scale = target * emp.sum() / ((1 - target) * max(float((emp * ratio).sum()), 1e-9))
        vacancy = emp * ratio * scale
        for j, (team, r) in enumerate(keys):
            if emp[j] == 0 and ag[j] == 0:
                continue
            budget = emp[j] + vacancy[j] if emp[j] > 0 else ag[j]
            fixed = emp[j] * wf["fixed_term_share"]
            rows["as_at"].append(int(month))
            rows["role"].append(r)
            rows["team"].append(team)
            rows["budgeted"].append(round(float(budget), 2))
            rows["permanent"].append(round(float(emp[j] - fixed), 2))
            rows["fixed_term"].append(round(float(fixed), 2))
            rows["agency"].append(round(float(ag[j]), 2))
            rows["vacancy"].append(round(float(vacancy[j]), 2))
    return rows
