"""Children in care and in need: missing episodes, immigration status (UASC), adoption
decisions (permanence), permanence plans, disability, supervision orders, and whether a
placement is inside the authority."""

from __future__ import annotations


import numpy as np
import pyarrow as pa

from csc.synth import formatting as F

from csc.synth.calendar import NA, add_months_day, birthday_days
from csc.synth.code_sets import code_set_column
from csc.synth.draws import categorical, lognormal_days
from csc.synth.inspection.context import Journeys, age_at, last_day, person_ids


RETURN_HOME_EXITS = ("E4A", "E4B", "E13")


SGO_EXITS = ("E41", "E45", "E46", "E47", "E48")


ADOPTION_EXITS = ("E11", "E12")


TEMPORARY = ("T0", "T1", "T2", "T3", "T4")


def _looked_after_windows(j: Journeys) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(child, first day, last day) of each period of care inside the history."""
    per = j.periods
    lo = np.maximum(per["start"] + 1, j.history_start)
    hi = last_day(per["end"], j.extract_day)
    return per["child"], lo, hi


def _cin_windows(j: Journeys) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    eps = j.eps
    c = j.cin_ref
    lo = np.maximum(eps["cin_start"][c] + 1, j.history_start)
    return eps["child"][c], lo, last_day(eps["cin_end"][c], j.extract_day)


def missing(rng: np.random.Generator, j: Journeys) -> dict[str, pa.Array]:
    """Missing and away episodes of children in care (most) and of children on CIN plans
    (missing from home): some children go missing, teenagers far more often, and those
    who do go missing several times a year. Return home interviews offered on return."""
    cfg = j.prof["inspection"]["missing"]
    parts = []
    for (child, lo, hi), key in ((_looked_after_windows(j), "cla"), (_cin_windows(j), "cin")):
        ok = hi > lo
        child, lo, hi = child[ok], lo[ok], hi[ok]
        mid_age = age_at(j.person["dob"][child], (lo + hi) // 2)
        p = np.interp(mid_age, cfg["age_points"], cfg["runner_share_by_age"]) * cfg[f"{key}_runner_multiplier"]
        runner = rng.random(len(child)) < p
        child, lo, hi = child[runner], lo[runner], hi[runner]
        rate = cfg["episodes_per_year_median"] * np.exp(cfg["episodes_per_year_sigma"] * rng.standard_normal(len(child)))
        count = rng.poisson(rate * (hi - lo + 1) / 365.25)
        owner = np.repeat(np.arange(len(child)), count)
        day = lo[owner] + np.floor(rng.random(len(owner)) * (hi - lo + 1)[owner]).astype(np.int64)
        keep = age_at(j.person["dob"][child[owner]], day) >= cfg["min_age"]
        parts.append((child[owner][keep], day[keep], hi[owner][keep]))
    child = np.concatenate([p[0] for p in parts])
    start = np.concatenate([p[1] for p in parts])
    last = np.concatenate([p[2] for p in parts])
    order = np.lexsort((start, child))
    child, start, last = child[order], start[order], last[order]
    _, first = np.unique(np.c_[child, start], axis=0, return_index=True)
    child, start, last = child[np.sort(first)], start[np.sort(first)], last[np.sort(first)]
    n = len(start)
    kind = np.where(rng.random(n) < cfg["away_share"], "A", "M").astype(object)
    end = start + lognormal_days(rng, cfg["duration_median_days"], cfg["duration_sigma"], n) - 1
    end = np.maximum(end, start)
    nxt = np.r_[start[1:], NA]
    same_child = np.r_[child[1:] == child[:-1], False]
    end = np.where(same_child & (end >= nxt), nxt - 1, end)
    end = np.maximum(end, start)
    E = j.extract_day
    returned = end <= E
    end = np.where(returned, end, NA)
    is_m = kind == "M"
    offered = returned & is_m & (rng.random(n) < cfg["rhi_offered"])
    gap = np.where(rng.random(n) < cfg["rhi_offered_within_72h"], rng.integers(0, 4, n), rng.integers(4, 15, n))
    offered_day = np.where(offered, end + gap, NA)
    offered &= offered_day <= E
    offered_day = np.where(offered, offered_day, NA)
    accepted = offered & (rng.random(n) < cfg["rhi_accepted"])
    rhi_day = np.where(accepted, offered_day + rng.integers(0, 4, n), NA)
    rhi_day = np.where(rhi_day > E, NA, rhi_day)
    offered_flag = np.where(~is_m | ~returned, "NA", np.where(offered, "Y", "N")).astype(object)
    accepted_flag = np.where(offered, np.where(accepted, "Y", "N"), None).astype(object)
    return {
        "miss_table_id": F.ids(np.arange(n), "missing", j.area), "miss_person_id": person_ids(j, child),
        "miss_missing_episode_start_date": F.dates(start), "miss_missing_episode_type": F.text(kind),
        "miss_missing_episode_end_date": F.dates(end), "miss_missing_rhi_offered": F.text(offered_flag),
        "miss_missing_rhi_accepted": F.text(accepted_flag),
        "miss_missing_rhi_offered_date": F.dates(offered_day), "miss_missing_rhi_date": F.dates(rhi_day),
    }


def _first_legal_code(j: Journeys) -> np.ndarray:
    """The first legal status of each period of care (legal rows are in period order)."""
    per = j.periods
    out = np.full(len(per["start"]), None, dtype=object)
    lg = j.legal
    for k in range(len(lg["start"]) - 1, -1, -1):
        p = lg["period"][k]
        if 0 <= p < len(out):
            out[p] = lg["code"][k]
    return out


def immigration(rng: np.random.Generator, j: Journeys) -> tuple[dict[str, pa.Array], np.ndarray]:
    """UASC: some young people entering care as teenagers (mostly boys, not on remand); UASC
    until 18, then a later status. Returns the table and the UASC periods' referrals."""
    cfg = j.prof["inspection"]["immigration"]
    per = j.periods
    E = j.extract_day
    entry_age = age_at(per["dob"], per["start"])
    sex = j.person["sex"][per["child"]]
    p = np.where(sex == "M", cfg["uasc_share_male"], cfg["uasc_share_other"])
    route = np.isin(_first_legal_code(j), cfg["uasc_routes"])
    pick = (entry_age >= cfg["uasc_min_entry_age"]) & route & (rng.random(len(entry_age)) < p)
    first = np.r_[True, per["child"][1:] != per["child"][:-1]]  # a child's first period only
    short_breaks = np.unique(j.legal["child"][j.legal["code"] == "V3"])
    pick &= first & ~np.isin(per["child"], short_breaks)
    k = np.flatnonzero(pick)
    child = per["child"][k]
    start = per["start"][k] - rng.integers(0, 8, len(k))
    eighteen = birthday_days(per["dob"][k], 18)
    uasc_end = np.where(eighteen > E, NA, eighteen)
    later = uasc_end != NA
    after = categorical(rng, cfg["status_at_18"], int(later.sum()))
    person = np.r_[child, child[later]]
    status = np.r_[np.full(len(k), "UASC", dtype=object), after]
    s = np.r_[start, eighteen[later]]
    e = np.r_[uasc_end, np.full(int(later.sum()), NA)]
    order = np.lexsort((s, person))
    n = len(order)
    table = {
        "immi_immigration_status_id": F.ids(np.arange(n), "immigration", j.area),
        "immi_person_id": person_ids(j, person[order]), "immi_immigration_status": F.text(status[order]),
        "immi_immigration_status_start_date": F.dates(s[order]),
        "immi_immigration_status_end_date": F.dates(e[order]),
    }
    return table, per["referral"][k][per["referral"][k] >= 0]


def permanence(rng: np.random.Generator, j: Journeys) -> tuple[dict[str, pa.Array], np.ndarray]:
    """Adoption journeys: every period of care ending in adoption (E11/E12) gets its decision,
    placement order (the period's E1 status), match, placement for adoption (the A4/A6 row)
    and adoption order (the period's end); some open periods of young children have a
    decision only, a few of them reversed. Returns the table and each period's decision day."""
    cfg = j.prof["inspection"]["permanence"]
    per, pl, lg = j.periods, j.placements, j.legal
    E, H = j.extract_day, j.history_start
    n_per = len(per["start"])
    decision = np.full(n_per, NA, dtype=np.int64)
    rows: dict[str, list] = {k: [] for k in ("period", "adm", "order", "matched", "placed", "adopted",
                                             "by_carer", "reversed", "reason")}
    e1 = {int(p): int(s) for p, c, s in zip(lg["period"], lg["code"], lg["start"]) if c == "E1" and p < n_per}
    placed: dict[int, tuple[int, bool]] = {}
    for k in range(len(pl["start"])):
        p = int(pl["period"][k])
        if p < n_per and pl["type"][k] in ("A4", "A5", "A6"):
            by_carer = k > 0 and pl["period"][k - 1] == p and pl["reason"][k - 1] == "PLACE"
            placed[p] = (int(pl["start"][k]), bool(by_carer))
    for p in np.flatnonzero(np.isin(per["exit"], ADOPTION_EXITS) & (per["end"] != NA)):
        p = int(p)
        place_day, by_carer = placed.get(p, (int(per["end"][p]) - 200, False))
        order_day = e1.get(p, NA)
        anchor = min(order_day, place_day) if order_day != NA else place_day
        adm = max(int(per["start"][p]) + 1, anchor - int(rng.integers(*cfg["decision_before_order_days"])))
        adm = min(adm, place_day)
        if max(int(per["end"][p]), adm) < H:
            continue
        rows["period"].append(p), rows["adm"].append(adm), rows["order"].append(order_day)
        rows["matched"].append(min(place_day, max(adm, place_day - int(rng.integers(*cfg["matched_before_placed_days"])))))
        rows["placed"].append(place_day), rows["adopted"].append(int(per["end"][p]))
        rows["by_carer"].append("Y" if by_carer else "N"), rows["reversed"].append(NA), rows["reason"].append(None)
        decision[p] = adm
    young_open = (per["end"] == NA) & (age_at(per["dob"], per["start"]) < cfg["open_decision_max_entry_age"])
    for p in np.flatnonzero(young_open & (rng.random(n_per) < cfg["open_decision_share"])):
        p = int(p)
        adm = int(per["start"][p]) + int(rng.integers(*cfg["open_decision_after_start_days"]))
        if adm > E or adm < H - 365:
            continue
        rev = adm + int(rng.integers(90, 400)) if rng.random() < cfg["reversed_share"] else NA
        rev = NA if rev > E else rev
        rows["period"].append(p), rows["adm"].append(adm), rows["order"].append(NA), rows["matched"].append(NA)
        rows["placed"].append(NA), rows["adopted"].append(NA), rows["by_carer"].append(None)
        rows["reversed"].append(rev)
        rows["reason"].append(None if rev == NA else str(categorical(rng, cfg["reversal_reason"], 1)[0]))
        decision[p] = adm if rev == NA else NA
    period = np.asarray(rows["period"], dtype=np.int64)
    n = len(period)
    adopted = np.asarray(rows["adopted"], dtype=np.int64)
    table = {
        "perm_table_id": F.ids(np.arange(n), "permanence", j.area),
        "perm_person_id": person_ids(j, per["child"][period]), "perm_cla_id": F.ids(period, "cla_period", j.area),
        "perm_adm_decision_date": F.dates(np.asarray(rows["adm"])), "perm_ffa_cp_decision_date": F.nulls(n),
        "perm_placement_order_date": F.dates(np.asarray(rows["order"])),
        "perm_matched_date": F.dates(np.asarray(rows["matched"])),
        "perm_placed_for_adoption_date": F.dates(np.asarray(rows["placed"])), "perm_placed_ffa_cp_date": F.nulls(n),
        "perm_permanence_order_date": F.dates(adopted),
        "perm_permanence_order_type": F.text(np.where(adopted == NA, None, "ADOPTION")),
        "perm_decision_reversed_date": F.dates(np.asarray(rows["reversed"])),
        "perm_decision_reversed_reason": F.text(np.asarray(rows["reason"], dtype=object)),
        "perm_adopted_by_carer_flag": F.text(np.asarray(rows["by_carer"], dtype=object)),
    }
    return table, decision


def _final_plan(rng: np.random.Generator, exit_code: str, entry_age: float, klass_to_18: bool) -> list[str]:
    if exit_code in RETURN_HOME_EXITS:
        return ["RETURN6M"] if rng.random() < 0.6 else ["RETURNEV"]
    if exit_code in SGO_EXITS:
        return ["LTRELFR"]
    if exit_code in ADOPTION_EXITS:
        return ["ADOPTION"]
    if klass_to_18:
        if entry_age >= 15:
            return ["SUPPLIV"] if rng.random() < 0.5 else ["RESPLMT"]
        return ["LTFOST18"]
    return ["OTHERPLN"] if rng.random() < 0.5 else ["LTFOST18"]


def care_plans(rng: np.random.Generator, j: Journeys, decision: np.ndarray) -> dict[str, pa.Array]:
    """Permanence plans of each period of care: none until the first review (about 20 working
    days in), then a first plan - often parallel planning with a return home - and, in longer
    periods, the final plan from the second review on. An adoption decision makes it ADOPTION."""
    cfg = j.prof["inspection"]["care_plans"]
    per = j.periods
    E, H = j.extract_day, j.history_start
    first = j.cal.add(per["start"], 20)
    entry_age = age_at(per["dob"], per["start"])
    stop = np.where(per["end"] == NA, E + 1, per["end"])
    rows: dict[str, list] = {k: [] for k in ("period", "start", "end", "codes")}

    def add(p: int, s: int, e: int, codes: list[str]) -> None:
        if s < stop[p] and max(e if e != NA else E, s) >= H:
            rows["period"].append(p), rows["start"].append(s), rows["end"].append(e), rows["codes"].append(codes)

    for p in range(len(per["start"])):
        if first[p] >= stop[p]:
            continue
        end = int(per["end"][p])
        final = _final_plan(rng, str(per["exit"][p]), float(entry_age[p]), end == NA and entry_age[p] >= 11)
        if decision[p] != NA:
            final = ["ADOPTION"]
        change = int(decision[p]) if decision[p] != NA else add_months_day(int(first[p]), 3)
        parallel = rng.random() < cfg["parallel_first_plan_share"]
        initial = sorted({"RETURNEV", *final}) if parallel else (["RETURN6M"] if rng.random() < 0.5 else final)
        if change < stop[p] and initial != final:
            add(p, int(first[p]), change, initial)
            add(p, change, end, final)
        else:
            add(p, int(first[p]), end, final)
    period = np.asarray(rows["period"], dtype=np.int64)
    n = len(period)
    empty = rng.random(n) < cfg["empty_set_share"]
    sets = [[] if empty[k] else rows["codes"][k] for k in range(n)]
    return {
        "lacp_table_id": F.ids(np.arange(n), "care_plan", j.area), "lacp_person_id": person_ids(j, per["child"][period]),
        "lacp_cla_care_plan_start_date": F.dates(np.asarray(rows["start"])),
        "lacp_cla_care_plan_end_date": F.dates(np.asarray(rows["end"])),
        "lacp_cla_care_plan_json": code_set_column(rng, sets, j.prof["inspection"]["code_set_forms"]),
    }


def disability(rng: np.random.Generator, j: Journeys) -> dict[str, pa.Array]:
    """One row per code: 1-2 codes for each child known to the Disabled Children's Service,
    and `NONE` for some other children."""
    cfg = j.prof["inspection"]["disability"]
    dis = j.person["disabled"]
    n_people = len(dis)
    k = np.flatnonzero(dis)
    count = np.where(rng.random(len(k)) < cfg["second_code_share"], 2, 1)
    owner = np.repeat(k, count)
    codes = categorical(rng, cfg["codes"], len(owner))
    none = np.flatnonzero(~dis & (rng.random(n_people) < cfg["none_row_share"]))
    person = np.r_[owner, none]
    code = np.r_[codes, np.full(len(none), "NONE", dtype=object)]
    order = np.argsort(person, kind="stable")
    person, code = person[order], code[order]
    dup = np.r_[False, (person[1:] == person[:-1]) & (code[1:] == code[:-1])]
    person, code = person[~dup], code[~dup]
    n = len(person)
    return {"disa_table_id": F.ids(np.arange(n), "disability", j.area), "disa_person_id": person_ids(j, person),
            "disa_disability_code": F.text(code)}


def supervision_orders(rng: np.random.Generator, j: Journeys) -> dict[str, pa.Array]:
    """SO (some after an ISO) for a share of children on CIN plans, inside the plan and never
    overlapping a 903 legal status of the child; ids of a range of their own."""
    cfg = j.prof["inspection"]["supervision_orders"]
    eps = j.eps
    c = j.cin_ref
    E = j.extract_day
    pick = (eps["cin_team_kind"][c] != 2) & (rng.random(len(c)) < cfg["cin_plan_share"])
    lg = j.legal
    by_child: dict[int, list[tuple[int, int]]] = {}
    for ch, s, e in zip(lg["child"], lg["start"], lg["end"]):
        by_child.setdefault(int(ch), []).append((int(s), E + 1 if e == NA else int(e)))
    rows: dict[str, list] = {k: [] for k in ("child", "code", "start", "end")}
    for r in c[pick]:
        child, s0 = int(eps["child"][r]), int(eps["cin_start"][r]) + int(rng.integers(0, 30))
        plan_end = E + 1 if eps["cin_end"][r] == NA else int(eps["cin_end"][r])
        if s0 >= min(plan_end, E):
            continue
        parts = []
        if rng.random() < cfg["interim_first_share"]:
            iso_end = min(s0 + int(rng.integers(*cfg["interim_days"])), plan_end)
            parts.append(("ISO", s0, iso_end))
            s0 = iso_end
        if s0 < plan_end and s0 <= E:
            parts.append(("SO", s0, min(add_months_day(s0, 12), plan_end)))
        clash = any(s < pe and ps < e for _, s, e in parts for ps, pe in by_child.get(child, []))
        if clash:
            continue
        for code, s, e in parts:
            rows["child"].append(child), rows["code"].append(code), rows["start"].append(s)
            rows["end"].append(NA if e > E else e)
    n = len(rows["child"])
    return {
        "lega_legal_status_id": F.ids(np.arange(n), "legal_order", j.area),
        "lega_person_id": person_ids(j, np.asarray(rows["child"], dtype=np.int64)),
        "lega_legal_status": F.text(np.asarray(rows["code"], dtype=object)),
        "lega_legal_status_start_date": F.dates(np.asarray(rows["start"], dtype=np.int64)),
        "lega_legal_status_end_date": F.dates(np.asarray(rows["end"], dtype=np.int64)),
    }


def placement_la(rng: np.random.Generator, j: Journeys) -> pa.Array:
    """Per placement row: the manifest's LA code (inside) or another code (outside), more often
    outside the further away the placement is; CON for a few; null for temporary rows."""
    cfg = j.prof["inspection"]["placement_la"]
    pl = j.placements
    n = len(pl["start"])
    dist = np.array([np.nan if d is None else float(d) for d in pl["distance"]], dtype=float)
    p_out = np.interp(np.nan_to_num(dist, nan=0.0), cfg["distance_points"], cfg["outside_share_by_distance"])
    outside = rng.random(n) < p_out
    other = categorical(rng, cfg["other_codes"], n)
    code = np.where(outside, other, j.prof["la_code"]).astype(object)
    code[rng.random(n) < cfg["confidential_share"]] = "CON"
    code[np.isin(pl["type"], TEMPORARY) | np.isnan(dist)] = None
    return F.text(code)
