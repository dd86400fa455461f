"""Children in care: periods of care made of episodes, legal statuses, placements, short
breaks, health checks, and the monthly states of care leavers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from csc.synth.calendar import NA, birthday_days, month_ends, to_day
from csc.synth.care_durations import draw_periods
from csc.synth.draws import categorical, index_choice
from csc.synth.sequences import event_sequences

ADOPTION_EXITS = ("E11", "E12")
COURT_ORDER_DAYS = (60, 330)
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
K3_FIRST_DAY = to_day("2024-04-01")  # K3 (registered supported accommodation) is a 903 code from 2024-25
P2_LAST_DAY = to_day("2023-10-28")  # P2 (independent living) is no placement type after 28 October 2023
# placement types a provider code of PR3 (other public sector) cannot go with (DfE rule 529)
NOT_PR3 = ("A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6")


@dataclass
class CareRecords:
    """Row lists for the care tables of one area; indexes are local to the area."""

    periods: dict[str, np.ndarray] = field(default_factory=dict)
    placements: dict[str, list] = field(default_factory=lambda: {k: [] for k in (
        "period", "start", "end", "type", "provider", "urn", "distance", "reason")})
    legal: dict[str, list] = field(default_factory=lambda: {k: [] for k in (
        "period", "code", "start", "end")})
    episodes: dict[str, list] = field(default_factory=lambda: {k: [] for k in (
        "period", "start", "end", "rne", "rec", "placement")})


def legacy_periods(rng: np.random.Generator, prof: dict[str, Any], child_population: int,
                   history_start: int, extract_day: int) -> dict[str, np.ndarray]:
    """Periods of care that started before the history: kept when still open at the
    history start, or when the young person is a care leaver during the history."""
    care = prof["care"]
    span_days = 18 * 365
    n = int(rng.poisson(care["rate_entries_per_10k"] * child_population / 10_000 * span_days / 365.25))
    start = rng.integers(history_start - span_days, history_start, n)
    age = index_choice(rng, care["age_at_entry"], n)
    dob = start - np.round((age + rng.random(n)) * 365.25).astype(np.int64)
    p = draw_periods(rng, prof, start, dob, extract_day)
    end = p["end"]
    sixteen = birthday_days(dob, 16)
    twenty_two = birthday_days(dob, 22)
    open_at_start = (end == NA) | (end > history_start)
    leaver = (end != NA) & (end > sixteen) & (end - np.maximum(start, sixteen - 3 * 365) >= 91) & (twenty_two > history_start)
    keep = open_at_start | leaver
    return {"start": start[keep], "dob": dob[keep], "end": end[keep], "exit": p["exit"][keep],
            "klass": p["klass"][keep]}


def _placement_type(rng: np.random.Generator, prof: dict[str, Any], age: float) -> str:
    pl = prof["care"]["placements"]
    weights = pl["type_young"] if age < 11 else pl["type_teen"]
    keys = list(weights)
    if age < 16:
        keys = [k for k in keys if k not in ("H5", "K3", "P2")]
    w = np.array([weights[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


def _legal_sequence(rng: np.random.Generator, route: str, start: int, stop: int, adoption: bool) -> list[tuple[str, int]]:
    """(code, start) pairs of the legal statuses of a period, in order."""
    seq: list[tuple[str, int]] = []
    t = start
    if route == "remand":
        return [("J1", start)]
    if route == "s20":
        return [("V2", start)]
    if route == "police":
        code = "L1" if rng.random() < 0.7 else "L2"
        seq.append((code, t))
        t += int(rng.integers(1, 4)) if code == "L1" else int(rng.integers(2, 9))
        if t >= stop:
            return seq
        if rng.random() < 0.6:
            seq.append(("V2", t))
            return seq
    seq.append(("C1", t))
    t += int(rng.integers(*COURT_ORDER_DAYS))
    if t < stop:
        seq.append(("C2", t))
    if adoption:
        e1 = max(t + 30, stop - int(rng.integers(150, 330)))
        if e1 < stop:
            seq.append(("E1", e1))
    return seq


def _fit_codes(row: list, legal: list[tuple[str, int]], stop: int) -> list:
    """The placement row with codes that fit its legal status and date, as the 903 wants them
    (DfE rules 146, 378, 408, 529, 550): placed with parents (P1) is not a placement under
    section 20 (V2), so it becomes foster care; placed for adoption with a placement order
    (A6) needs the order (E1) and is otherwise placed with consent (A4); K3 is H5 before
    2024-25, and so is P2 after 28 October 2023 (rule 217t); PR0 (parents) goes with P1 only
    and PR3 with no foster, home or adoption type."""
    start, end, ptype, provider = row[0], row[1], row[2], row[3]
    end = stop if end == NA else end
    spans = [(code, s, legal[j + 1][1] if j + 1 < len(legal) else stop) for j, (code, s) in enumerate(legal)]
    if ptype == "P1" and any(code == "V2" and s < end and start < e for code, s, e in spans):
        ptype, provider = "U4", "PR1"
    if ptype in ("A5", "A6") and not any(code == "E1" and s <= start for code, s, _ in spans):
        ptype = "A4"
    if (ptype == "K3" and start < K3_FIRST_DAY) or (ptype == "P2" and end > P2_LAST_DAY):
        ptype = "H5"
    if provider == "PR0" and ptype != "P1":
        provider = "PR1"
    if provider == "PR3" and ptype in NOT_PR3:
        provider = "PR4"
    return [start, row[1], ptype, provider, *row[4:]]


def _placement_order_by(legal: list[tuple[str, int]], last: list) -> list[tuple[str, int]]:
    """A child placed for adoption with a placement order (A6) has the order (E1) by the day
    of the placement: a later or missing E1 moves to that day when it falls after the
    status before it (else the placement is one with consent, A4; see _fit_codes)."""
    if last[2] != "A6":
        return legal
    before = legal[:-1] if legal[-1][0] == "E1" else legal
    e1_late = legal[-1][0] != "E1" or legal[-1][1] > last[0]
    if e1_late and before[-1][1] < last[0]:
        return [*before, ("E1", last[0])]
    return legal


def _return_after_temporary(rows: list[list], legal: list[tuple[str, int]], stop: int) -> None:
    """A temporary placement (T0-T4) is followed by the normal one (DfE rule 383): the row
    after it gets the codes of the row before it; where those do not fit there, or the row
    after it is the adoptive placement, the temporary row takes them instead (no temporary
    placement)."""
    for j in range(1, len(rows) - 1):
        if rows[j][2] not in TEMPORARY:
            continue
        before, after = rows[j - 1], rows[j + 1]
        moved = _fit_codes([after[0], after[1], before[2], before[3], before[4], *after[5:]], legal, stop)
        if moved[2] == before[2] and after[2] not in ("A4", "A5", "A6"):
            rows[j + 1] = moved
        else:
            rows[j] = [rows[j][0], rows[j][1], *before[2:5], *rows[j][5:]]


def detail_periods(rng: np.random.Generator, prof: dict[str, Any], periods: dict[str, np.ndarray],
                   extract_day: int) -> CareRecords:
    """Placements, legal statuses and episodes of each (non short-break) period."""
    care = prof["care"]
    pl = care["placements"]
    rec = CareRecords(periods=periods)
    routes = list(care["route"])
    route_w = np.array(list(care["route"].values()), dtype=float)
    reasons = list(pl["change_reason"])
    reason_w = np.array(list(pl["change_reason"].values()), dtype=float)
    reason_w /= reason_w.sum()
    providers = list(pl["provider"])
    provider_w = np.array(list(pl["provider"].values()), dtype=float)
    provider_w /= provider_w.sum()
    for i in range(len(periods["start"])):
        start = int(periods["start"][i])
        end = int(periods["end"][i])
        is_open = end == NA
        stop = max(extract_day if is_open else end, start + 1)
        dob = int(periods["dob"][i])
        age0 = (start - dob) / 365.25
        exit_code = periods["exit"][i]
        adoption = (not is_open) and exit_code in ADOPTION_EXITS
        route = routes[int(rng.choice(len(routes), p=route_w / route_w.sum()))]
        if age0 < 10 and route == "remand":
            route = "court"
        if adoption:
            route = "court"
        # placements
        rows: list[list] = []
        t, k = start, 0
        while t < stop:
            stable = rng.random() < (pl["stable_probability_first"] if k == 0 else pl["stable_probability_next"])
            dur = 1 + int(rng.exponential(pl["stable_mean_days"] if stable else pl["unstable_mean_days"]))
            e = min(t + dur, stop)
            ptype = _placement_type(rng, prof, (t - dob) / 365.25)
            provider = providers[int(rng.choice(len(providers), p=provider_w))]
            if ptype == "P1":
                provider = "PR0"
            urn = f"SC{int(rng.integers(100000, 999999))}" if ptype in ("K1", "K2", "S1") else None
            dist = round(float(rng.lognormal(np.log(pl["distance_km_median"]), 0.9)), 1)
            reason = reasons[int(rng.choice(len(reasons), p=reason_w))]
            rows.append([t, e, ptype, provider, urn, dist, reason])
            t, k = e, k + 1
        rows[-1][6] = None  # the reason for change sits on a row that was followed by another
        if adoption:
            last = rows[-1]
            split = max(last[0] + 1, stop - int(rng.integers(120, 300)))
            if split < stop:
                rows[-1] = [last[0], split, last[2], last[3], last[4], last[5], "PLACE"]
                rows.append([split, stop, "A4" if rng.random() < 0.5 else "A6", last[3], None, last[5], None])
        # status-only changes and temporary placements
        out_rows: list[list] = []
        for j, r in enumerate(rows):
            if r[1] - r[0] > 60 and rng.random() < pl["place_change_probability"] and r[2] not in ("A4", "A6"):
                cut = int(rng.integers(r[0] + 1, r[1]))
                new_type = "U4" if r[2] in ("U6", "U5") else r[2]
                out_rows.append([r[0], cut, r[2], r[3], r[4], r[5], "PLACE"])
                r = [cut, r[1], new_type, r[3], r[4], r[5], r[6]]
            out_rows.append(r)
            nxt = rows[j + 1] if j + 1 < len(rows) else None
            if nxt is not None and rng.random() < pl["temporary_probability"] and nxt[1] - nxt[0] > 10:
                days = int(rng.integers(1, 8))
                out_rows.append([nxt[0], nxt[0] + days, f"T{int(rng.integers(0, 5))}", None, None, None, "OTHER"])
                nxt[0] += days
        if is_open:
            out_rows[-1][1] = NA
        # legal statuses, and placement codes that fit them
        legal = _legal_sequence(rng, route, start, stop, adoption)
        if adoption:
            legal = _placement_order_by(legal, out_rows[-1])
        out_rows = [_fit_codes(r, legal, stop) for r in out_rows]
        _return_after_temporary(out_rows, legal, stop)
        # episodes: a new episode at every placement or legal status change
        pl_starts = [r[0] for r in out_rows]
        breaks = sorted(set(pl_starts) | {s for _, s in legal})
        pidx0 = len(rec.placements["start"])
        prev_pl, prev_ls = -1, -1
        for b_i, b in enumerate(breaks):
            pl_i = max(j for j, s in enumerate(pl_starts) if s <= b)
            ls_i = max(j for j, (_, s) in enumerate(legal) if s <= b)
            if b_i == 0:
                rne = "S"
            else:
                pl_changed = pl_i != prev_pl
                same_carer = pl_changed and out_rows[pl_i - 1][6] == "PLACE"
                ls_changed = ls_i != prev_ls
                if pl_changed and ls_changed:
                    rne = "U" if same_carer else "B"
                elif pl_changed:
                    rne = "T" if same_carer else "P"
                else:
                    rne = "L"
            e_end = breaks[b_i + 1] if b_i + 1 < len(breaks) else (NA if is_open else end)
            rec.episodes["period"].append(i)
            rec.episodes["start"].append(b)
            rec.episodes["end"].append(e_end)
            rec.episodes["rne"].append(rne)
            rec.episodes["rec"].append("X1" if b_i + 1 < len(breaks) else (None if is_open else exit_code))
            rec.episodes["placement"].append(pidx0 + pl_i)
            prev_pl, prev_ls = pl_i, ls_i
        for r in out_rows:
            rec.placements["period"].append(i)
            for key, v in zip(("start", "end", "type", "provider", "urn", "distance", "reason"), r):
                rec.placements[key].append(v)
        for j, (code, s) in enumerate(legal):
            e = legal[j + 1][1] if j + 1 < len(legal) else (NA if is_open else end)
            rec.legal["period"].append(i)
            rec.legal["code"].append(code)
            rec.legal["start"].append(s)
            rec.legal["end"].append(e)
    return rec


def short_breaks(rng: np.random.Generator, prof: dict[str, Any], child: np.ndarray, start: np.ndarray,
                 stop: np.ndarray) -> dict[str, np.ndarray]:
    """Series of short-break stays (legal status V3) for disabled children during their CIN plans."""
    sb = prof["care"]["short_breaks"]
    owner, day = event_sequences(rng, start, stop, tuple(sb["interval_days"]), 0.0, 1.0,
                                 first_offset=(1, int(sb["interval_days"][1])))
    nights = rng.integers(sb["nights"][0], sb["nights"][1] + 1, len(day))
    end = day + nights
    keep = end <= stop[owner]
    return {"child": child[owner[keep]], "start": day[keep], "end": end[keep]}


def health_checks(rng: np.random.Generator, prof: dict[str, Any], start: np.ndarray, stop: np.ndarray,
                  history_start: int) -> dict[str, np.ndarray]:
    """Annual health assessments and dental checks during periods of care (index into the arrays)."""
    care = prof["care"]
    lo, hi = care["health_check_interval_days"]
    begin = np.maximum(start, history_start - 400)
    pandemic = (np.datetime64("2020-04-01").astype(np.int64), np.datetime64("2021-06-30").astype(np.int64))
    out = {"owner": [], "day": [], "type": [], "status": []}
    for typ, p_done in (("HEALTH_ASSESSMENT", care["health_check_completed"]),
                        ("DENTAL_CHECK", care["dental_check_completed"])):
        owner, day = event_sequences(rng, begin, stop, (lo, hi), 0.0, 1.0, first_offset=(20, 120))
        p = np.full(len(day), p_done)
        if typ == "DENTAL_CHECK":
            in_pandemic = (day >= pandemic[0]) & (day <= pandemic[1])
            p[in_pandemic] = care["dental_check_completed_pandemic"]
        done = rng.random(len(day)) < p
        status = np.where(done, "COMPLETED", np.where(rng.random(len(day)) < 0.4, "REFUSED", "CANCELLED")).astype(object)
        out["owner"].append(owner)
        out["day"].append(day)
        out["type"].append(np.full(len(day), typ, dtype=object))
        out["status"].append(status)
    return {k: np.concatenate(v) for k, v in out.items()}


def care_leaver_states(rng: np.random.Generator, prof: dict[str, Any], person: np.ndarray,
                       dob: np.ndarray, care_start: np.ndarray, care_end: np.ndarray,
                       history_start: int, extract_day: int) -> dict[str, np.ndarray]:
    """Monthly stacked states (one row per young person per extract date) of young people who
    were looked after at 16 or older. `care_start`/`care_end` describe their last period."""
    cl = prof["care_leavers"]
    extracts = np.r_[month_ends(history_start, extract_day - 1), extract_day]
    sixteen = birthday_days(dob, 16)
    eighteen = birthday_days(dob, 18)
    twenty_two = birthday_days(dob, 22)
    np_ = len(person)
    qualifying = rng.random(np_) < cl["qualifying_share"]
    first = np.maximum(sixteen, care_start)
    pi = np.repeat(np.arange(np_), len(extracts))
    m = np.tile(extracts, np_)
    keep = (m >= first[pi]) & (m < twenty_two[pi])
    pi, m = pi[keep], m[keep]
    in_care = (care_start[pi] <= m) & ((care_end[pi] == NA) | (care_end[pi] > m))
    elig = np.where(in_care, "ELIGIBLE", np.where(m < eighteen[pi], "RELEVANT", "FORMER_RELEVANT")).astype(object)
    elig[~in_care & qualifying[pi]] = "QUALIFYING"
    n = len(m)
    # sticky states: a young person's situation changes now and then
    new_person = np.r_[True, pi[1:] != pi[:-1]] if n else np.zeros(0, bool)
    change = new_person | (rng.random(n) < cl["state_change_probability"])
    seg = np.cumsum(change) - 1
    ns = int(seg[-1]) + 1 if n else 0
    in_touch = categorical(rng, cl["in_touch"], ns)[seg]
    suitable = (rng.random(ns) < cl["suitable"])[seg]
    acc_ok = categorical(rng, cl["accommodation_suitable"], ns)
    acc_bad = categorical(rng, cl["accommodation_unsuitable"], ns)
    accommodation = np.where(suitable, acc_ok[seg] + "1", acc_bad[seg] + "2").astype(object)
    # "with former foster carers" (staying put) starts at 18 (DfE rule 3001): supported lodgings before
    accommodation[(accommodation == "Z1") & (m < eighteen[pi])] = "E1"
    suit_flag = np.where(suitable, "Y", "N").astype(object)
    blank = (rng.random(ns) < cl["suitability_blank_share"])[seg]
    suit_flag[blank] = None
    eet = (rng.random(ns) < cl["eet"])[seg]
    activity = np.where(eet, categorical(rng, cl["activity_eet"], ns)[seg],
                        categorical(rng, cl["activity_neet"], ns)[seg]).astype(object)
    current = (rng.random(ns) < cl["pathway_plan_current"])[seg]
    review = np.where(current, m - rng.integers(0, 176, n), m - rng.integers(190, 400, n))
    has_pa = (rng.random(ns) < cl["personal_adviser"])[seg]
    contact = m - rng.integers(0, 60, n)
    return {"person": person[pi], "pidx": pi, "extract": m, "eligibility": elig, "in_touch": in_touch,
            "accommodation": accommodation, "suitable": suit_flag, "activity": activity,
            "review": review, "has_pa": has_pa, "contact": contact}
