"""Case audits of open cases each month (grades varying by team) and a small Annex A List 11
of prospective adopters."""

from __future__ import annotations


import numpy as np
import pyarrow as pa

from csc.synth import formatting as F

from csc.synth.calendar import NA, month_ends
from csc.synth.draws import categorical, uniform_int
from csc.synth.inspection.context import Journeys, person_ids


def case_audits(rng: np.random.Generator, j: Journeys, n_children: int) -> dict[str, pa.Array]:
    """Each month, audits of a sample of cases open at the month end (allocations), one row
    per theme graded; grades vary by team (the locality's quality and a team effect); more
    audits in Practice Week months."""
    cfg = j.prof["inspection"]["case_audits"]
    E, H = j.extract_day, j.history_start
    al = j.alloc
    team_loc = j.org.team_locality()
    teams = sorted(set(al["team"]))
    effect = dict(zip(teams, rng.normal(0, cfg["team_effect_sd"], len(teams))))
    perf = j.prof.get("performance", {})
    quality = [perf.get(name, {}).get("audit_quality", 1.0) for name in j.org.localities]
    scale = n_children / 150_000
    themes = np.array(list(cfg["themes"]), dtype=object)
    out: dict[str, list] = {k: [] for k in ("person", "day", "theme", "grade", "team", "role", "activity")}
    for m in month_ends(H, E):
        month = int(np.datetime64(int(m), "D").astype("datetime64[M]").astype(np.int64) % 12) + 1
        practice_week = month in cfg["practice_week_months"]
        k = int(rng.poisson(cfg["audits_per_month"] * scale * (cfg["practice_week_multiplier"] if practice_week else 1)))
        open_ = np.flatnonzero((al["start"] <= m) & ((al["end"] == NA) | (al["end"] > m)))
        if k == 0 or len(open_) == 0:
            continue
        sample = rng.choice(open_, size=min(k, len(open_)), replace=False)
        day = np.clip(m - rng.integers(0, 25, len(sample)), H, E)
        activity = "PRACTICE_WEEK" if practice_week else None
        for s, d in zip(sample, day):
            team = al["team"][s]
            good = cfg["good_or_better"] * quality[team_loc.get(team, 0)] + effect[team]
            n_themes = int(rng.integers(1, cfg["max_themes"] + 1))
            for theme in rng.choice(themes, size=n_themes, replace=False):
                u = rng.random()
                outstanding = u < cfg["outstanding_share_of_good"] * good
                grade = ("OUTSTANDING" if outstanding else "GOOD" if u < good
                         else "REQUIRES_IMPROVEMENT" if u < good + (1 - good) * cfg["ri_share_of_rest"] else "INADEQUATE")
                if rng.random() < cfg["ungraded_share"]:
                    grade = None
                out["person"].append(al["person"][s]), out["day"].append(int(d)), out["theme"].append(theme)
                out["grade"].append(grade), out["team"].append(team)
                out["role"].append(str(categorical(rng, cfg["auditor_role"], 1)[0]))
                out["activity"].append(activity or ("THEMATIC" if rng.random() < cfg["thematic_share"] else "ROUTINE"))
    n = len(out["day"])
    return {
        "audit_id": F.ids(np.arange(n), "audit", j.area),
        "person_id": person_ids(j, np.asarray(out["person"], dtype=np.int64)),
        "audit_date": F.dates(np.asarray(out["day"], dtype=np.int64)), "audit_theme": F.text(out["theme"]),
        "grade": F.text(out["grade"]), "team_id": F.text(out["team"]), "auditor_role": F.text(out["role"]),
        "audit_activity": F.text(out["activity"]),
    }


ETHNICITY_LABELS = {"WBRI": "a) WBRI", "WOTH": "d) WOTH", "MWBC": "f) MWBC", "AIND": "j) AIND", "BAFR": "o) BAFR"}


def adopters(rng: np.random.Generator, j: Journeys) -> dict[str, pa.Array]:
    """A small Annex A List 11 (not SSD): prospective adopter households through the stages,
    one row per adopter; some approved and matched, some still in process, a few leaving."""
    cfg = j.prof["inspection"]["adopters"]
    E, H = j.extract_day, j.history_start
    n_fam = int(rng.poisson(cfg["households_per_year"] * len(j.person["dob"]) / 30_000 * (E - H) / 365.25))
    enquiry = np.sort(H + np.floor(rng.random(n_fam) * (E - H)).astype(np.int64))
    steps = [uniform_int(rng, b, n_fam) for b in cfg["stage_days"]]
    dates = np.cumsum(np.c_[enquiry, *steps], axis=1)  # enquiry, stage 1 start ... adoption order
    leave_at = np.where(rng.random(n_fam) < cfg["leaving_share"], rng.integers(1, dates.shape[1] - 1, n_fam), -1)
    cols = np.where(np.arange(dates.shape[1]) <= np.where(leave_at >= 0, leave_at, 99)[:, None], dates, NA)
    cols = np.where(cols > E, NA, cols)
    left = np.where(leave_at >= 0, dates[np.arange(n_fam), np.maximum(leave_at, 0)] + rng.integers(5, 60, n_fam), NA)
    left = np.where(left > E, NA, left)
    reason = np.where(left != NA, categorical(rng, cfg["leaving_reason"], n_fam), None).astype(object)
    couple = rng.random(n_fam) < cfg["couple_share"]
    fam = np.repeat(np.arange(n_fam), np.where(couple, 2, 1))
    n = len(fam)
    placed = cols[fam, 9] != NA
    children = np.where(placed, np.where(rng.random(n_fam) < 0.2, 2, 1)[fam], 0)
    ffa = np.where(rng.random(n_fam) < cfg["ffa_share"], "a) Yes", "b) No")[fam]
    gender = np.where(rng.random(n) < 0.55, "b) Female", "a) Male")
    heads = ["Date enquiry received", "Date Stage 1 started", "Date Stage 1 ended", "Date Stage 2 started",
             "Date Stage 2 ended", "Date application submitted", "Date application approved",
             "Date adopter matched with child(ren)", "Date child/children placed with adopter(s)"]
    table = {"Individual adopter identifier": F.ids(np.arange(n), "adopter", j.area),
             "Family identifier": F.ids(fam, "adopter_family", j.area), "Gender": F.text(gender),
             "Ethnicity": F.text(categorical(rng, {v: 1.0 for v in ETHNICITY_LABELS.values()}, n)),
             "Disability": F.text(np.where(rng.random(n) < 0.05, "a) Yes", "b) No")),
             "Is the (prospective) adopter fostering for adoption?": F.text(ffa)}
    for c, head in enumerate(heads[:6]):
        table[head] = F.dates(cols[fam, c])
    table["Date application approved"] = F.dates(cols[fam, 6])
    table["Date adopter matched with child(ren)"] = F.dates(cols[fam, 7])
    table["Date child/children placed with adopter(s)"] = F.dates(cols[fam, 9])
    table["No. of children placed"] = F.numbers(children, "d")
    table["Date of Adoption Order"] = F.dates(cols[fam, 10])
    table["Date of leaving adoption process"] = F.dates(left[fam])
    table["Reason for leaving adoption process"] = F.text(reason[fam])
    return table
