"""Children's journeys from referral to the end of the episode, simulated in generations.

Generation 0 is each child's first referral in the simulated history. A closed episode may
be followed by another referral of the same child (generation 1, 2, ...): re-referrals, repeat
plans and returns to care come from the same children returning. Within an episode the
steps are sequential (assessment -> s47 -> ICPC -> CP plan -> step-down CIN plan or care), and
the next referral comes after the episode closes, so one child's plans never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from csc.synth.calendar import NA, WorkCalendar, birthday_days
from csc.synth.care_durations import draw_periods
from csc.synth.draws import categorical, index_choice, lognormal_days, uniform_int


@dataclass
class People:
    """Persons of one area (children with activity). Attributes are parallel arrays."""

    dob: list[np.ndarray] = field(default_factory=list)
    loc: list[np.ndarray] = field(default_factory=list)
    disabled: list[np.ndarray] = field(default_factory=list)
    kind: list[np.ndarray] = field(default_factory=list)  # 0 referred, 1 legacy care
    n: int = 0

    def add(self, dob: np.ndarray, loc: np.ndarray, disabled: np.ndarray, kind: int) -> np.ndarray:
        k = len(dob)
        self.dob.append(dob.astype(np.int64))
        self.loc.append(loc.astype(np.int64))
        self.disabled.append(disabled.astype(bool))
        self.kind.append(np.full(k, kind, dtype=np.int8))
        idx = np.arange(self.n, self.n + k)
        self.n += k
        return idx

    def freeze(self) -> dict[str, np.ndarray]:
        return {
            "dob": np.concatenate(self.dob) if self.dob else np.zeros(0, np.int64),
            "loc": np.concatenate(self.loc) if self.loc else np.zeros(0, np.int64),
            "disabled": np.concatenate(self.disabled) if self.disabled else np.zeros(0, bool),
            "kind": np.concatenate(self.kind) if self.kind else np.zeros(0, np.int8),
        }


def _na_max(values: list[np.ndarray], present: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Latest end of the present components, and whether any present component is still open."""
    last = np.full(n, NA, dtype=np.int64)
    still_open = np.zeros(n, dtype=bool)
    for v, p in zip(values, present):
        still_open |= p & (v == NA)
        last = np.where(p & (v != NA), np.maximum(last, v), last)
    return last, still_open


def _loc_factor(prof: dict[str, Any], localities: list[str], key: str) -> np.ndarray:
    perf = prof.get("performance", {})
    return np.array([perf.get(loc, {}).get(key, 1.0) for loc in localities], dtype=float)


def simulate_episodes(rng: np.random.Generator, prof: dict[str, Any], cal: WorkCalendar,
                      localities: list[str], people: dict[str, np.ndarray], child: np.ndarray,
                      ref_date: np.ndarray, prev_cp: np.ndarray, extract_day: int) -> dict[str, np.ndarray]:
    """One referral per element of `child`; returns parallel arrays of everything that follows."""
    E = extract_day
    n = len(child)
    rp, ap, sp, cpp, cinp = (prof["referrals"], prof["assessments"], prof["s47"],
                             prof["cp_plans"], prof["cin_plans"])
    dob = people["dob"][child]
    loc = people["loc"][child]
    dis = people["disabled"][child]
    eighteen = birthday_days(dob, 18)
    out: dict[str, np.ndarray] = {"child": child, "ref_date": ref_date}

    out["source"] = categorical(rng, rp["source"], n)
    need = categorical(rng, rp["primary_need"], n)
    need[dis] = categorical(rng, rp["primary_need_disabled"], int(dis.sum()))
    out["need"] = need
    ref_nfa = rng.random(n) < rp["nfa_probability"]
    out["ref_nfa"] = ref_nfa

    # assessment
    delay = np.asarray(ap["start_delay_working_days"])[rng.integers(0, len(ap["start_delay_working_days"]), n)]
    a_start = cal.add(ref_date, delay)
    assessed = ~ref_nfa & (a_start <= E)
    a_start = np.where(assessed, a_start, NA)
    a_mult = _loc_factor(prof, localities, "assessment_delay")[loc]
    wd = lognormal_days(rng, ap["duration_median_working_days"] * a_mult, ap["duration_sigma"], n)
    a_auth_full = np.where(assessed, cal.add(np.where(assessed, a_start, 0), wd), NA)
    a_auth = np.where(a_auth_full > E, NA, a_auth_full)
    out.update(assessed=assessed, a_start=a_start, a_auth=a_auth,
               a_seen=rng.random(n) < ap["child_seen"])

    # section 47 enquiry and initial child protection conference
    s47 = assessed & (rng.random(n) < np.where(prev_cp, ap["s47_probability_returning_cp"], ap["s47_probability"]))
    s47_start = np.where(s47, cal.add(np.where(s47, a_start, 0), rng.integers(0, 4, n)), NA)
    s47 &= (s47_start <= E) & (s47_start < eighteen)
    s47_start = np.where(s47, s47_start, NA)
    s47_end_full = np.where(s47, cal.add(np.where(s47, s47_start, 0), uniform_int(rng, sp["duration_working_days"], n)), NA)
    icpc = s47 & (rng.random(n) < np.where(prev_cp, sp["icpc_probability_returning_cp"], sp["icpc_probability"]))
    late_mult = _loc_factor(prof, localities, "icpc_late")[loc]
    on_time = rng.random(n) < 1 - (1 - sp["icpc_on_time"]) * late_mult
    icpc_wd = np.where(on_time, uniform_int(rng, sp["icpc_working_days_on_time"], n),
                       uniform_int(rng, sp["icpc_working_days_late"], n))
    icpc_date = np.where(icpc, cal.add(np.where(icpc, s47_start, 0), icpc_wd), NA)
    icpc &= (icpc_date <= E) & (icpc_date < eighteen - 30)
    icpc_date = np.where(icpc, icpc_date, NA)
    s47_end_full = np.where(icpc, np.minimum(s47_end_full, icpc_date), s47_end_full)
    s47_end = np.where(s47_end_full > E, NA, s47_end_full)
    icpc_target = np.where(s47, cal.add(np.where(s47, s47_start, 0), 15), NA)
    transfer_in = icpc & (rng.random(n) < sp["transfer_in_share"])
    out.update(s47=s47, s47_start=s47_start, s47_end=s47_end, icpc=icpc, icpc_date=icpc_date,
               icpc_target=icpc_target, transfer_in=transfer_in)

    # child protection plan
    cp = icpc & (rng.random(n) < sp["cp_probability"])
    cp_start = np.where(cp, icpc_date, NA)
    cp_dur = lognormal_days(rng, cpp["duration_median_days"], cpp["duration_sigma"], n)
    cp_end_full = np.where(cp, np.minimum(cp_start + cp_dur, eighteen), NA)
    cp_end = np.where(cp_end_full > E, NA, cp_end_full)
    cat_latest = categorical(rng, cpp["category"], n)
    cat_initial = cat_latest.copy()
    change = rng.random(n) < cpp["category_change_probability"]
    cat_initial[change] = categorical(rng, cpp["category"], int(change.sum()))
    out.update(cp=cp, cp_start=cp_start, cp_end=cp_end, cat_initial=cat_initial, cat_latest=cat_latest)

    # what follows
    cp_ended = cp & (cp_end != NA)
    post = rng.random(n)
    care_after_cp = cp_ended & (post < cpp["care_probability"]) & (cp_end < eighteen - 60)
    cin_after_cp = cp_ended & ~care_after_cp & (post < cpp["care_probability"] + cpp["step_down_cin_probability"])
    u = rng.random(n)
    no_s47 = assessed & ~s47
    nfa_no = no_s47 & (u < ap["nfa_probability_no_s47"])
    care_direct = no_s47 & ~nfa_no & (u < ap["nfa_probability_no_s47"] + ap["care_probability_no_s47"])
    cin_no = no_s47 & ~nfa_no & ~care_direct & (rng.random(n) < ap["cin_plan_probability_no_s47"] / (1 - ap["nfa_probability_no_s47"]))
    s47_no_icpc = s47 & ~icpc
    cin_s47 = s47_no_icpc & (rng.random(n) < sp["cin_plan_probability_no_icpc"])
    cin_nocp = icpc & ~cp & (rng.random(n) < sp["cin_plan_probability_no_cp"])

    cin_start = np.full(n, NA, dtype=np.int64)
    from_assessment = (cin_no | cin_s47) & (a_auth != NA)
    cin_start[from_assessment] = a_auth[from_assessment] + uniform_int(rng, cinp["start_delay_days"], int(from_assessment.sum()))
    cin_start[cin_nocp] = icpc_date[cin_nocp]
    cin_start[cin_after_cp] = cp_end[cin_after_cp]
    cin = (cin_start != NA) & (cin_start <= E) & (cin_start < eighteen - 30)
    cin_start = np.where(cin, cin_start, NA)
    cin_dur = np.where(dis, lognormal_days(rng, cinp["duration_median_days_disabled"], cinp["duration_sigma_disabled"], n),
                       lognormal_days(rng, cinp["duration_median_days"], cinp["duration_sigma"], n))
    cin_end_full = np.where(cin, np.minimum(cin_start + cin_dur, eighteen), NA)
    cin_end = np.where(cin_end_full > E, NA, cin_end_full)
    cin_team_kind = np.where(dis, 2, np.where(rng.random(n) < cinp["swis_share"], 1, 0))  # 0 CF, 1 SWIS, 2 DCS
    out.update(cin=cin, cin_start=cin_start, cin_end=cin_end, cin_team_kind=cin_team_kind)

    care_after_cin = cin & (cin_end != NA) & (rng.random(n) < cinp["care_probability"]) & (cin_end < eighteen - 60)
    care_start = np.full(n, NA, dtype=np.int64)
    care_start[care_direct] = a_start[care_direct] + rng.integers(0, 21, int(care_direct.sum()))
    care_start[care_after_cp] = cp_end[care_after_cp]
    care_start[care_after_cin] = cin_end[care_after_cin]
    care = (care_start != NA) & (care_start <= E) & (care_start < eighteen - 30)
    care_start = np.where(care, care_start, NA)
    periods = draw_periods(rng, prof, np.where(care, care_start, dob), dob, E)
    care_end = np.where(care, periods["end"], NA)
    out.update(care=care, care_start=care_start, care_end=care_end,
               care_exit=periods["exit"], care_klass=periods["klass"])

    # assessment outcome: no further action when nothing follows
    nothing_follows = ~cin & ~care & ~cp
    a_nfa = (a_auth != NA) & (nfa_no | (s47_no_icpc & nothing_follows & (rng.random(n) < sp["nfa_probability_no_icpc"])))
    out["a_nfa"] = a_nfa

    # closure of the episode
    last, still_open = _na_max(
        [a_auth, s47_end, icpc_date, cp_end, cin_end, care_end],
        [assessed, s47, icpc, cp, cin, care], n)
    close = np.where(still_open | (last == NA), NA, last + rng.integers(0, 15, n))
    close = np.where(ref_nfa, ref_date + rng.integers(0, 4, n), close)
    close = np.where(~ref_nfa & ~assessed, NA, close)  # referral waiting for assessment
    close = np.where(close > E, NA, close)
    reason = np.full(n, "RC7", dtype=object)
    reason[a_nfa] = np.where(rng.random(int(a_nfa.sum())) < 0.3, "RC9", "RC8")
    reason[a_nfa & s47] = "RC7"  # RC8/RC9 close a case after the assessment alone (DfE rule 2990)
    reason[ref_nfa] = "RC7"  # no assessment: RC8/RC9 close a case after one (DfE query 8825Q)
    exit_code = periods["exit"]
    reason[care & np.isin(exit_code, ["E11", "E12"])] = "RC1"
    reason[care & np.isin(exit_code, ["E45", "E46", "E47", "E48"])] = "RC4"
    reason[care & (exit_code == "E41")] = "RC3"
    reason[care & (exit_code == "E3")] = "RC5"
    reason[care & np.isin(exit_code, ["E15", "E7"])] = "RC6"
    reason = np.where(close == NA, None, reason)
    out.update(close=close, close_reason=reason, eighteen=eighteen)
    return out


def simulate_referrals(rng: np.random.Generator, prof: dict[str, Any], cal: WorkCalendar,
                       localities: list[str], people_builder: People, child_population: int,
                       history_start: int, extract_day: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Generate first referrals of new children, then returns, generation by generation."""
    rp = prof["referrals"]
    pop = prof["population"]
    span_years = (extract_day - history_start) / 365.25
    n0 = int(rng.poisson(rp["rate_per_10k"] * child_population / 10_000 * rp["first_referral_share"] * span_years))
    ref = np.sort(rng.integers(history_start, extract_day + 1, n0))
    # most referrals fall on working days
    weekend = ((ref + 3) % 7) >= 5  # 1970-01-01 was a Thursday: (day+3)%7 == 0 is Monday
    keep_weekend = rng.random(n0) < rp["weekend_share"] * 7 / 2
    ref = np.where(weekend & ~keep_weekend, cal.roll_forward(ref), ref)
    ref = np.minimum(ref, extract_day)
    age = index_choice(rng, pop["age_at_first_referral"], n0)
    dob = ref - np.round((age + rng.random(n0)) * 365.25).astype(np.int64)
    loc = index_choice(rng, list(pop["localities"].values()), n0)
    disabled = rng.random(n0) < pop["disabled_share"]
    child = people_builder.add(dob, loc, disabled, kind=0)
    people = people_builder.freeze()

    parts: list[dict[str, np.ndarray]] = []
    prev_cp = np.zeros(n0, dtype=bool)
    gen = 0
    while len(child):
        ep = simulate_episodes(rng, prof, cal, localities, people, child, ref, prev_cp, extract_day)
        ep["generation"] = np.full(len(child), gen, dtype=np.int64)
        parts.append(ep)
        had_cp = prev_cp | ep["cp"]
        closed = ep["close"] != NA
        p_ret = np.where(ep["cp"], rp["return_probability_after_cp"], rp["return_probability"])
        ret = closed & (rng.random(len(child)) < p_ret)
        gap = 1 + np.round(rng.exponential(rp["return_gap_mean_days"], len(child))).astype(np.int64)
        nxt = np.where(ret, ep["close"] + gap, NA)
        ret &= (nxt <= extract_day) & (nxt < ep["eighteen"] - 30)
        child, ref, prev_cp = child[ret], nxt[ret], had_cp[ret]
        gen += 1
    eps = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    order = np.lexsort((eps["child"], eps["ref_date"]))
    eps = {k: v[order] for k, v in eps.items()}
    return eps, people
