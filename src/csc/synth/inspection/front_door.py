"""The front door: contacts before referrals, early help episodes, and the factors recorded
at the end of assessments."""

from __future__ import annotations


import numpy as np
import pyarrow as pa

from csc.synth import formatting as F

from csc.synth.calendar import NA, birthday_days
from csc.synth.code_sets import code_set_column
from csc.synth.draws import categorical, lognormal_days, uniform_int
from csc.synth.inspection.context import Journeys, person_ids


CONTACT_OUTCOMES = ("NEW_REFERRAL_FLAG", "EXISTING_REFERRAL_FLAG", "CP_ENQUIRY_FLAG", "NFA_FLAG",
                    "NON_AGENCY_ADOPTION_FLAG", "PRIVATE_FOSTERING_FLAG", "ADVICE_FLAG", "MISSING_FLAG",
                    "OLA_CP_FLAG", "OTHER_OUTCOMES_EXIST_FLAG")


def contacts(rng: np.random.Generator, j: Journeys) -> dict[str, pa.Array]:
    """A contact before most referrals (same child, 0-5 days before, same source), and
    contacts that lead to no referral for known children at other times."""
    cfg = j.prof["inspection"]["contacts"]
    E, H = j.extract_day, j.history_start
    eps = j.eps
    nref = len(eps["child"])
    led = rng.random(nref) < cfg["referral_contact_share"]
    gap = np.where(rng.random(nref) < cfg["same_day_share"], 0, uniform_int(rng, cfg["days_before_referral"], nref))
    c_day = eps["ref_date"] - gap
    led &= c_day >= H
    ref = np.flatnonzero(led)
    # other contacts: known children, a day between the history start (or birth) and 18 or the extract
    n_other = int(rng.poisson(cfg["other_contacts_per_referral"] * nref))
    child = rng.integers(0, len(j.person["dob"]), n_other)
    lo = np.maximum(j.person["dob"][child], H)
    hi = np.minimum(birthday_days(j.person["dob"][child], 18) - 1, E)
    ok = hi > lo
    child, lo, hi = child[ok], lo[ok], hi[ok]
    o_day = lo + np.floor(rng.random(len(child)) * (hi - lo + 1)).astype(np.int64)
    o_source = categorical(rng, j.prof["referrals"]["source"], len(child))
    o_outcome = categorical(rng, cfg["other_outcome"], len(child))
    cp_enquiry = eps["s47"][ref] & (rng.random(len(ref)) < cfg["cp_enquiry_share"])
    sets = ([["NEW_REFERRAL_FLAG", "CP_ENQUIRY_FLAG"] if cp else ["NEW_REFERRAL_FLAG"] for cp in cp_enquiry]
            + [[o] for o in o_outcome])
    person = np.r_[eps["child"][ref], child]
    day = np.r_[c_day[ref], o_day]
    source = np.r_[eps["source"][ref], o_source].astype(object)
    order = np.lexsort((person, day))
    person, day, source = person[order], day[order], source[order]
    sets = [sets[k] for k in order]
    n = len(day)
    return {
        "cont_contact_id": F.ids(np.arange(n), "contact", j.area), "cont_person_id": person_ids(j, person),
        "cont_contact_date": F.dates(day), "cont_contact_source_code": F.text(source),
        "cont_contact_source_desc": F.nulls(n),
        "cont_contact_outcome_json": code_set_column(rng, sets, j.prof["inspection"]["code_set_forms"],
                                                     CONTACT_OUTCOMES),
    }


def early_help(rng: np.random.Generator, j: Journeys) -> dict[str, pa.Array]:
    """Early help episodes: after assessments closed to early help (RC9), after some CIN
    plans, before referrals from early help (source 5D), and for some other known children."""
    cfg = j.prof["inspection"]["early_help"]
    E, H = j.extract_day, j.history_start
    eps = j.eps
    nref = len(eps["child"])
    starts, ends, people = [], [], []
    dur = lognormal_days(rng, cfg["duration_median_days"], cfg["duration_sigma"], nref)
    after = (eps["close_reason"] == "RC9") & (rng.random(nref) < cfg["after_assessment_share"])
    s = np.where(after, eps["close"] + rng.integers(0, 15, nref), NA)
    starts.append(s[after]), ends.append((s + dur)[after]), people.append(eps["child"][after])
    step = eps["cin"] & (eps["cin_end"] != NA) & (rng.random(nref) < cfg["step_down_cin_share"])
    starts.append(eps["cin_end"][step]), ends.append((eps["cin_end"] + dur)[step]), people.append(eps["child"][step])
    before = (eps["source"] == "5D") & (rng.random(nref) < cfg["before_referral_share"])
    starts.append((eps["ref_date"] - dur)[before]), ends.append(eps["ref_date"][before])
    people.append(eps["child"][before])
    n_people = len(j.person["dob"])
    other = np.flatnonzero(rng.random(n_people) < cfg["other_children_share"])
    lo = np.maximum(j.person["dob"][other], H - 365)
    hi = np.minimum(birthday_days(j.person["dob"][other], 18) - 30, E)
    ok = hi > lo
    other, lo, hi = other[ok], lo[ok], hi[ok]
    o_start = lo + np.floor(rng.random(len(other)) * (hi - lo)).astype(np.int64)
    starts.append(o_start), ends.append(o_start + lognormal_days(rng, cfg["duration_median_days"],
                                                                 cfg["duration_sigma"], len(other)))
    people.append(other)
    start, end, person = np.concatenate(starts), np.concatenate(ends), np.concatenate(people)
    escalated = np.zeros(len(start), dtype=bool)  # the episodes that end in a referral from early help
    first_before = sum(len(x) for x in starts[:2])
    escalated[first_before:first_before + len(starts[2])] = True
    eighteen = birthday_days(j.person["dob"][person], 18)
    end = np.minimum(end, eighteen)
    keep = (start <= E) & (end > start) & ((end >= H) | (end > E))
    start, end, person, escalated = start[keep], end[keep], person[keep], escalated[keep]
    order = np.lexsort((start, person))
    start, end, person, escalated = start[order], end[order], person[order], escalated[order]
    n = len(start)
    end_reason = np.where(escalated, "Stepped up to children's social care",
                          categorical(rng, cfg["end_reason"], n)).astype(object)
    still_open = end > E
    loc = j.person["loc"][person]
    locality_team = np.array([f"{j.org.prefix}LOC-{tid.split('-')[-1]}" for tid in j.org.team_ids["CF1"]],
                             dtype=object)
    return {
        "earl_episode_id": F.ids(np.arange(n), "early_help", j.area), "earl_person_id": person_ids(j, person),
        "earl_episode_start_date": F.dates(start), "earl_episode_end_date": F.dates(np.where(still_open, NA, end)),
        "earl_episode_reason": F.text(categorical(rng, cfg["reason"], n)),
        "earl_episode_end_reason": F.text(np.where(still_open, None, end_reason)),
        "earl_episode_organisation": F.text(np.array([f"Early Help Hub {j.org.localities[k]}" for k in loc],
                                                     dtype=object)),
        "earl_episode_worker_id": F.nulls(n), "earl_episode_team": F.text(locality_team[loc]),
    }


def assessment_factors(rng: np.random.Generator, j: Journeys, uasc_refs: np.ndarray) -> dict[str, pa.Array]:
    """Factors at the end of each authorised assessment: each code drawn with its national
    prevalence; none drawn gives `21` alone. UASC children's assessments carry `9A`. Most
    rows are the SSD shape (one row per assessment), some the long form (one row per factor)."""
    cfg = j.prof["inspection"]["assessment_factors"]
    auth = j.eps["a_auth"][j.assessment_ref]
    rows = np.flatnonzero((auth != NA) & (rng.random(len(auth)) < cfg["recorded_share"]))
    codes = np.array(list(cfg["prevalence"]), dtype=object)
    p = np.array(list(cfg["prevalence"].values()), dtype=float)
    drawn = rng.random((len(rows), len(codes))) < p
    uasc = np.isin(j.assessment_ref[rows], uasc_refs)
    sets = []
    for k in range(len(rows)):
        s = [str(c) for c in codes[drawn[k]]]
        if uasc[k]:
            s = ["9A", *s]
        sets.append(s or ["21"])
    long_form = rng.random(len(rows)) < cfg["long_form_share"]
    a_ids, texts_sets = [], []
    for k, r in enumerate(rows):
        if long_form[k]:
            a_ids.extend([r] * len(sets[k]))
            texts_sets.extend([[c] for c in sets[k]])
        else:
            a_ids.append(r)
            texts_sets.append(sets[k])
    n = len(a_ids)
    return {
        "cinf_table_id": F.ids(np.arange(n), "factor", j.area),
        "cinf_assessment_id": F.ids(np.asarray(a_ids, dtype=np.int64), "assessment", j.area),
        "cinf_assessment_factors_json": code_set_column(rng, texts_sets, {"array": 1.0}),
    }
