"""Simulate one area (a county, or one slice of the national profile) into landing tables."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from csc.synth import formatting as F
from csc.synth.calendar import NA, WorkCalendar, birthday_days
from csc.synth.care import care_leaver_states, detail_periods, health_checks, legacy_periods, short_breaks
from csc.synth.draws import categorical, index_choice, stream
from csc.synth.inspection import Journeys, add_inspection_tables
from csc.synth.journeys import People, simulate_referrals
from csc.synth.names import FORENAMES, SURNAMES
from csc.synth.organisation import Organisation
from csc.synth.schema import LANDING_COLUMNS, landing_columns
from csc.synth.sequences import event_sequences
from csc.synth.workforce import ROLE_FP, ROLE_PA, ROLE_SW, build_workforce, hr_establishment, split_worker_changes

Tables = dict[str, dict[str, pa.Array]]


def _loc_factor(prof: dict[str, Any], localities: list[str], key: str) -> np.ndarray:
    perf = prof.get("performance", {})
    return np.array([perf.get(loc, {}).get(key, 1.0) for loc in localities], dtype=float)


def _visits(rng: np.random.Generator, cfg: dict[str, Any], start: np.ndarray, end: np.ndarray,
            late_mult: np.ndarray, history_start: int, extract_day: int) -> tuple[np.ndarray, np.ndarray]:
    """Visits during [start, end) (end NA = open) from shortly before the history start."""
    stop = np.where(end == NA, extract_day, end - 1)
    begin = np.maximum(start, history_start - 90)
    late_p = np.clip(cfg["late_probability"] * late_mult, 0, 0.95)
    lo, hi = cfg["interval_days"]
    owner, day = event_sequences(rng, begin, stop, (lo, hi), late_p, cfg["late_extra_mean_days"],
                                 first_offset=(1, min(7, hi)))
    keep = day >= history_start
    return owner[keep], day[keep]


def simulate_area(prof: dict[str, Any], area: int, n_children: int, seed: int, history_start: int,
                  extract_day: int, cal: WorkCalendar, part: str = "all") -> tuple[Tables, Tables]:
    """The area's landing tables: part 1 (landing.md) from the area's main random stream,
    then, unless `part` is "1", part 2 (inspection tables) from a stream of its own. Also
    returns part 2's rows of part-1 tables, to be appended after them (inspection package)."""
    E, H = extract_day, history_start
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, area])))
    localities = list(prof["population"]["localities"])
    prefix = f"A{area + 1:03d}-" if prof.get("area_prefix") else ""
    org = Organisation.build(localities, prefix, f"Area {area + 1:03d} " if prefix else "")
    T = org.team_ids

    builder = People()
    eps, _ = simulate_referrals(rng, prof, cal, localities, builder, n_children, H, E)
    leg = legacy_periods(rng, prof, n_children, H, E)
    leg_loc = index_choice(rng, list(prof["population"]["localities"].values()), len(leg["start"]))
    leg_child = builder.add(leg["dob"], leg_loc, np.zeros(len(leg_loc), bool), kind=1)
    ppl = builder.freeze()
    n_people = builder.n
    nref = len(eps["child"])
    ref_idx = np.arange(nref)
    child_loc = ppl["loc"]
    dis = ppl["disabled"]

    # ---------------- periods of care ----------------
    cm = eps["care"]
    periods = {
        "child": np.r_[eps["child"][cm], leg_child],
        "start": np.r_[eps["care_start"][cm], leg["start"]],
        "end": np.r_[eps["care_end"][cm], leg["end"]],
        "exit": np.r_[eps["care_exit"][cm], leg["exit"]],
        "referral": np.r_[ref_idx[cm], np.full(len(leg_child), -1)],
    }
    order = np.lexsort((periods["start"], periods["child"]))
    periods = {k: v[order] for k, v in periods.items()}
    periods["dob"] = ppl["dob"][periods["child"]]
    rec = detail_periods(rng, prof, periods, E)
    n_per = len(periods["start"])

    # short breaks for some disabled children during their CIN plans
    sb_pick = eps["cin"] & dis[eps["child"]] & (eps["cin_team_kind"] == 2)
    sb_pick &= rng.random(nref) < prof["care"]["short_breaks"]["share_of_disabled_cin"]
    sb_stop = np.where(eps["cin_end"] == NA, E, eps["cin_end"] - 1)
    sb = short_breaks(rng, prof, eps["child"][sb_pick], eps["cin_start"][sb_pick], sb_stop[sb_pick])
    n_sb = len(sb["start"])

    # ---------------- allocations (involvements) ----------------
    loc_r = child_loc[eps["child"]]
    dis_r = dis[eps["child"]]
    cf_kind = np.where(eps["child"] % 2 == 0, "CF1", "CF2")
    cf_team = np.array([T[kind][locality] for kind, locality in zip(cf_kind, loc_r)], dtype=object)
    irt_team = np.array(T["IRT"], dtype=object)[loc_r]
    dcs_team = np.array(T["DCS"], dtype=object)[loc_r]
    a_team = np.where(dis_r, dcs_team, irt_team)
    cin_team = np.where(eps["cin_team_kind"] == 2, dcs_team,
                        np.where(eps["cin_team_kind"] == 1, np.array(T["SWIS"], dtype=object)[loc_r], cf_team))
    per_loc = child_loc[periods["child"]]
    cic_team = np.array(T["CIC"], dtype=object)[per_loc]

    # care leavers: young people looked after at 16 or older (their last such period)
    sixteen_p = birthday_days(periods["dob"], 16)
    stop_p = np.where(periods["end"] == NA, E, periods["end"])
    cl_ok = (stop_p > sixteen_p) & (stop_p - np.maximum(periods["start"], sixteen_p - 3 * 365) >= 91)
    cl_ok &= birthday_days(periods["dob"], 22) > H
    cand = np.flatnonzero(cl_ok)
    last_of_child = np.r_[periods["child"][cand][1:] != periods["child"][cand][:-1], True] if len(cand) else np.zeros(0, bool)
    cand = cand[last_of_child]
    cl_child = periods["child"][cand]
    cl_dob = periods["dob"][cand]
    twenty_one = birthday_days(cl_dob, 21)
    pa_start = np.where(periods["end"][cand] == NA, NA, periods["end"][cand])
    pa_has = (pa_start != NA) & (pa_start < twenty_one) & (twenty_one > H - 365)
    pa_end = np.where(twenty_one > E, NA, twenty_one)
    cl_team = np.array(T["CL"], dtype=object)[child_loc[cl_child]]

    wf = prof["workforce"]
    cin_m = eps["cin"]
    fp = (eps["cin_team_kind"] != 2) & (rng.random(nref) < wf["family_practitioner_share"])
    a_m = ~eps["ref_nfa"]
    per_m = (periods["end"] == NA) | (periods["end"] >= H - 400)
    parts = [  # kind, mask/len, team, role, start, end, person, referral, source index
        ("assessment", a_team[a_m], np.full(a_m.sum(), ROLE_SW), eps["ref_date"][a_m],
         np.where(eps["a_auth"] == NA, NA, eps["a_auth"])[a_m], eps["child"][a_m], ref_idx[a_m], ref_idx[a_m]),
        ("cp", cf_team[eps["cp"]], np.full(eps["cp"].sum(), ROLE_SW), eps["cp_start"][eps["cp"]],
         eps["cp_end"][eps["cp"]], eps["child"][eps["cp"]], ref_idx[eps["cp"]], ref_idx[eps["cp"]]),
        ("cin", cin_team[cin_m], np.where(fp, ROLE_FP, ROLE_SW)[cin_m], eps["cin_start"][cin_m],
         eps["cin_end"][cin_m], eps["child"][cin_m], ref_idx[cin_m], ref_idx[cin_m]),
        ("care", cic_team[per_m], np.full(per_m.sum(), ROLE_SW), periods["start"][per_m], periods["end"][per_m],
         periods["child"][per_m], periods["referral"][per_m], np.flatnonzero(per_m)),
        ("leaver", cl_team[pa_has], np.full(pa_has.sum(), ROLE_PA), pa_start[pa_has], pa_end[pa_has],
         cl_child[pa_has], np.full(pa_has.sum(), -1), np.flatnonzero(pa_has)),
    ]
    alloc = {k: [] for k in ("kind", "team", "role", "start", "end", "person", "referral", "source", "reason")}
    for kind, team, role, start, end, person, referral, source in parts:
        alloc["kind"].append(np.full(len(team), kind, dtype=object))
        alloc["team"].append(team.astype(object))
        alloc["role"].append(role.astype(np.int64))
        alloc["start"].append(start.astype(np.int64))
        alloc["end"].append(end.astype(np.int64))
        alloc["person"].append(person.astype(np.int64))
        alloc["referral"].append(referral.astype(np.int64))
        alloc["source"].append(source.astype(np.int64))
        alloc["reason"].append(np.full(len(team), None, dtype=object))
    alloc = {k: np.concatenate(v) for k, v in alloc.items()}
    n_orig = len(alloc["team"])
    alloc = split_worker_changes(rng, prof, alloc, E)
    pros, worker = build_workforce(rng, prof, org, alloc, E)
    first_worker = worker[:n_orig]

    def worker_of(kind: str, n: int) -> np.ndarray:
        out = np.full(n, -1, dtype=np.int64)
        m = alloc["kind"][:n_orig] == kind
        out[alloc["source"][:n_orig][m]] = first_worker[m]
        return out

    w_assess = worker_of("assessment", nref)
    w_cp = worker_of("cp", nref)
    w_cin = worker_of("cin", nref)
    w_leaver = worker_of("leaver", len(cand))

    tables: Tables = {}
    # ---------------- persons ----------------
    sex = categorical(rng, prof["population"]["sex"], n_people)
    # a looked-after child's sex is known: the 903 has no code for unknown (DfE rule 101)
    looked_after = np.zeros(n_people, dtype=bool)
    looked_after[np.r_[periods["child"], sb["child"]].astype(np.int64)] = True
    unknown = looked_after & (sex == "U")
    sex[unknown] = np.where(np.flatnonzero(unknown) % 2 == 0, "M", "F")
    eth = categorical(rng, prof["population"]["ethnicity"], n_people)
    fn = np.array(FORENAMES, dtype=object)[rng.integers(0, len(FORENAMES), n_people)]
    sn = np.array(SURNAMES, dtype=object)[rng.integers(0, len(SURNAMES), n_people)]
    tables["ssd_person"] = {
        "pers_person_id": F.ids(np.arange(n_people), "person", area),
        "pers_sex": F.text(sex), "pers_ethnicity": F.text(eth), "pers_dob": F.dates(ppl["dob"]),
        "pers_death_date": F.nulls(n_people), "pers_forename": F.text(fn), "pers_surname": F.text(sn),
        "pers_common_child_id": F.nulls(n_people),
    }
    # ---------------- referrals ----------------
    pid = lambda local: F.ids(local, "person", area)  # noqa: E731
    tables["ssd_cin_episodes"] = {
        "cine_referral_id": F.ids(ref_idx, "referral", area), "cine_person_id": pid(eps["child"]),
        "cine_referral_date": F.dates(eps["ref_date"]), "cine_cin_primary_need_code": F.text(eps["need"]),
        "cine_referral_source_code": F.text(eps["source"]), "cine_referral_nfa": F.flags(eps["ref_nfa"]),
        "cine_close_reason": F.text(eps["close_reason"]), "cine_close_date": F.dates(eps["close"]),
        "cine_referral_team": F.text(a_team), "cine_referral_worker_id": F.ids(w_assess, "professional", area),
    }
    a = np.flatnonzero(eps["assessed"])
    open_a = eps["a_auth"][a] == NA
    tables["ssd_cin_assessments"] = {
        "cina_assessment_id": F.ids(np.arange(len(a)), "assessment", area), "cina_person_id": pid(eps["child"][a]),
        "cina_referral_id": F.ids(a, "referral", area), "cina_assessment_start_date": F.dates(eps["a_start"][a]),
        "cina_assessment_child_seen": F.flags(eps["a_seen"][a]), "cina_assessment_auth_date": F.dates(eps["a_auth"][a]),
        "cina_assessment_outcome_nfa": F.flags(eps["a_nfa"][a], mask=open_a),
        "cina_assessment_team": F.text(a_team[a]), "cina_assessment_worker_id": F.ids(w_assess[a], "professional", area),
    }
    c = np.flatnonzero(cin_m)
    tables["ssd_cin_plans"] = {
        "cinp_cin_plan_id": F.ids(np.arange(len(c)), "cin_plan", area), "cinp_referral_id": F.ids(c, "referral", area),
        "cinp_person_id": pid(eps["child"][c]), "cinp_cin_plan_start_date": F.dates(eps["cin_start"][c]),
        "cinp_cin_plan_end_date": F.dates(eps["cin_end"][c]), "cinp_cin_plan_team": F.text(cin_team[c]),
        "cinp_cin_plan_worker_id": F.ids(w_cin[c], "professional", area),
    }
    vis = prof["visits"]
    late_loc = _loc_factor(prof, localities, "visit_late")
    own, day = _visits(rng, vis["cin"], eps["cin_start"][c], eps["cin_end"][c], late_loc[loc_r[c]], H, E)
    nv = len(day)
    seen = rng.random(nv) < vis["cin"]["seen"]
    tables["ssd_cin_visits"] = {
        "cinv_cin_visit_id": F.ids(np.arange(nv), "cin_visit", area), "cinv_person_id": pid(eps["child"][c][own]),
        "cinv_cin_visit_date": F.dates(day), "cinv_cin_visit_seen": F.flags(seen),
        "cinv_cin_visit_seen_alone": F.flags(seen & (rng.random(nv) < vis["cin"]["seen_alone"])),
        "cinv_cin_visit_bedroom": F.flags(seen & (rng.random(nv) < vis["cin"]["bedroom"])),
    }
    # ---------------- child protection ----------------
    s = np.flatnonzero(eps["s47"])
    s47_local = np.full(nref, -1)
    s47_local[s] = np.arange(len(s))
    tables["ssd_s47_enquiry"] = {
        "s47e_s47_enquiry_id": F.ids(np.arange(len(s)), "s47", area), "s47e_referral_id": F.ids(s, "referral", area),
        "s47e_person_id": pid(eps["child"][s]), "s47e_s47_start_date": F.dates(eps["s47_start"][s]),
        "s47e_s47_end_date": F.dates(eps["s47_end"][s]),
        "s47e_s47_nfa": F.flags(~eps["icpc"][s], mask=(eps["s47_end"][s] == NA) & ~eps["icpc"][s]),
        "s47e_s47_completed_by_team": F.text(a_team[s]),
        "s47e_s47_completed_by_worker_id": F.ids(w_assess[s], "professional", area),
    }
    i = np.flatnonzero(eps["icpc"])
    cp_local = np.full(nref, -1)
    cp_idx = np.flatnonzero(eps["cp"])
    cp_local[cp_idx] = np.arange(len(cp_idx))
    icpc_local = np.full(nref, -1)
    icpc_local[i] = np.arange(len(i))
    tables["ssd_initial_cp_conference"] = {
        "icpc_icpc_id": F.ids(np.arange(len(i)), "icpc", area), "icpc_s47_enquiry_id": F.ids(s47_local[i], "s47", area),
        "icpc_person_id": pid(eps["child"][i]), "icpc_cp_plan_id": F.ids(cp_local[i], "cp_plan", area),
        "icpc_referral_id": F.ids(i, "referral", area), "icpc_icpc_transfer_in": F.flags(eps["transfer_in"][i]),
        "icpc_icpc_target_date": F.dates(eps["icpc_target"][i]), "icpc_icpc_date": F.dates(eps["icpc_date"][i]),
        "icpc_icpc_outcome_cp_flag": F.flags(eps["cp"][i]), "icpc_icpc_team": F.text(cf_team[i]),
        "icpc_icpc_worker_id": F.ids(np.where(eps["cp"][i], w_cp[i], w_assess[i]), "professional", area),
    }
    tables["ssd_cp_plans"] = {
        "cppl_cp_plan_id": F.ids(np.arange(len(cp_idx)), "cp_plan", area),
        "cppl_referral_id": F.ids(cp_idx, "referral", area), "cppl_icpc_id": F.ids(icpc_local[cp_idx], "icpc", area),
        "cppl_person_id": pid(eps["child"][cp_idx]), "cppl_cp_plan_start_date": F.dates(eps["cp_start"][cp_idx]),
        "cppl_cp_plan_end_date": F.dates(eps["cp_end"][cp_idx]),
        "cppl_cp_plan_initial_category": F.text(eps["cat_initial"][cp_idx]),
        "cppl_cp_plan_latest_category": F.text(eps["cat_latest"][cp_idx]),
    }
    own, day = _visits(rng, vis["cp"], eps["cp_start"][cp_idx], eps["cp_end"][cp_idx], late_loc[loc_r[cp_idx]], H, E)
    nv = len(day)
    seen = rng.random(nv) < vis["cp"]["seen"]
    tables["ssd_cp_visits"] = {
        "cppv_cp_visit_id": F.ids(np.arange(nv), "cp_visit", area), "cppv_person_id": pid(eps["child"][cp_idx][own]),
        "cppv_cp_plan_id": F.ids(own, "cp_plan", area), "cppv_cp_visit_date": F.dates(day),
        "cppv_cp_visit_seen": F.flags(seen),
        "cppv_cp_visit_seen_alone": F.flags(seen & (rng.random(nv) < vis["cp"]["seen_alone"])),
    }
    # ---------------- children in care ----------------
    ep_ = {k: np.asarray(v) for k, v in rec.episodes.items()}
    pl_ = {k: np.asarray(v, dtype=object if k in ("type", "provider", "urn", "reason", "distance") else np.int64)
           for k, v in rec.placements.items()}
    lg_ = {k: np.asarray(v, dtype=object if k == "code" else np.int64) for k, v in rec.legal.items()}
    n_ep, n_pl, n_lg = len(ep_["start"]), len(pl_["start"]), len(lg_["start"])
    # short breaks: one period, episode, placement and V3 legal status each
    sb_period = n_per + np.arange(n_sb)
    sb_type = np.where(rng.random(n_sb) < 0.5, "K2", "U6").astype(object)
    per_child_all = np.r_[periods["child"], sb["child"]]
    per_start_all = np.r_[periods["start"], sb["start"]]
    per_ref_all = np.r_[periods["referral"], np.full(n_sb, -1)]
    need_all = np.where(per_ref_all >= 0, eps["need"][np.maximum(per_ref_all, 0)], "N1").astype(object)
    need_all[n_per:] = "N2"
    ep_period = np.r_[ep_["period"], sb_period].astype(np.int64)
    ep_start = np.r_[ep_["start"], sb["start"]].astype(np.int64)
    ep_end = np.r_[ep_["end"], sb["end"]].astype(np.int64)
    ep_rne = np.r_[ep_["rne"], np.full(n_sb, "S")].astype(object)
    ep_rec = np.r_[ep_["rec"], np.full(n_sb, "E13")].astype(object)
    ep_place = np.r_[ep_["placement"], n_pl + np.arange(n_sb)].astype(np.int64)
    tables["ssd_cla_episodes"] = {
        "clae_cla_episode_id": F.ids(np.arange(n_ep + n_sb), "cla_episode", area),
        "clae_person_id": pid(per_child_all[ep_period]), "clae_cla_episode_start_date": F.dates(ep_start),
        "clae_cla_episode_start_reason": F.text(ep_rne), "clae_cla_primary_need_code": F.text(need_all[ep_period]),
        "clae_cla_episode_ceased_date": F.dates(ep_end), "clae_cla_episode_ceased_reason": F.text(ep_rec),
        "clae_cla_id": F.ids(ep_period, "cla_period", area),
        "clae_referral_id": F.ids(per_ref_all[ep_period], "referral", area),
        "clae_cla_placement_id": F.ids(ep_place, "placement", area),
        "clae_entered_care_date": F.dates(per_start_all[ep_period]),
    }
    lg_period = np.r_[lg_["period"], sb_period].astype(np.int64)
    tables["ssd_legal_status"] = {
        "lega_legal_status_id": F.ids(np.arange(n_lg + n_sb), "legal", area),
        "lega_person_id": pid(per_child_all[lg_period]),
        "lega_legal_status": F.text(np.r_[lg_["code"], np.full(n_sb, "V3")].astype(object)),
        "lega_legal_status_start_date": F.dates(np.r_[lg_["start"], sb["start"]]),
        "lega_legal_status_end_date": F.dates(np.r_[lg_["end"], sb["end"]]),
    }
    pl_period = np.r_[pl_["period"], sb_period].astype(np.int64)
    dist = np.r_[pl_["distance"], np.round(rng.lognormal(np.log(8.0), 0.6, n_sb), 1).astype(object)]
    tables["ssd_cla_placement"] = {
        "clap_cla_placement_id": F.ids(np.arange(n_pl + n_sb), "placement", area),
        "clap_cla_id": F.ids(pl_period, "cla_period", area), "clap_person_id": pid(per_child_all[pl_period]),
        "clap_cla_placement_start_date": F.dates(np.r_[pl_["start"], sb["start"]]),
        "clap_cla_placement_end_date": F.dates(np.r_[pl_["end"], sb["end"]]),
        "clap_cla_placement_type": F.text(np.r_[pl_["type"], sb_type]),
        "clap_cla_placement_provider": F.text(np.r_[pl_["provider"], np.full(n_sb, "PR1", dtype=object)]),
        "clap_cla_placement_urn": F.text(np.r_[pl_["urn"], np.full(n_sb, None, dtype=object)]),
        "clap_cla_placement_postcode": F.nulls(n_pl + n_sb),
        "clap_cla_placement_distance": F.numbers(dist, ".1f"),
        "clap_cla_placement_change_reason": F.text(np.r_[pl_["reason"], np.full(n_sb, None, dtype=object)]),
    }
    own, day = _visits(rng, vis["cla"], periods["start"], periods["end"], late_loc[per_loc], H, E)
    nv = len(day)
    seen = rng.random(nv) < vis["cla"]["seen"]
    tables["ssd_cla_visits"] = {
        "clav_cla_visit_id": F.ids(np.arange(nv), "cla_visit", area), "clav_cla_id": F.ids(own, "cla_period", area),
        "clav_person_id": pid(periods["child"][own]), "clav_cla_visit_date": F.dates(day),
        "clav_cla_visit_seen": F.flags(seen),
        "clav_cla_visit_seen_alone": F.flags(seen & (rng.random(nv) < vis["cla"]["seen_alone"])),
    }
    hc_stop = np.where(periods["end"] == NA, E, periods["end"] - 1)
    hc = health_checks(rng, prof, periods["start"], hc_stop, H)
    keep = hc["day"] >= H
    hc = {k: v[keep] for k, v in hc.items()}
    order = np.lexsort((hc["type"], hc["day"], hc["owner"]))
    hc = {k: v[order] for k, v in hc.items()}
    tables["ssd_cla_health"] = {
        "clah_health_check_id": F.ids(np.arange(len(hc["day"])), "health", area),
        "clah_person_id": pid(periods["child"][hc["owner"]]), "clah_health_check_type": F.text(hc["type"]),
        "clah_health_check_date": F.dates(hc["day"]), "clah_health_check_status": F.text(hc["status"]),
    }
    # ---------------- care leavers ----------------
    st = care_leaver_states(rng, prof, cl_child, cl_dob, periods["start"][cand], periods["end"][cand], H, E)
    ncl = len(st["extract"])
    pa_names = np.array([f"{FORENAMES[k % len(FORENAMES)]} {SURNAMES[(k * 7) % len(SURNAMES)]}"
                         for k in range(max(len(pros["team"]), 1))], dtype=object)
    wl = w_leaver[st["pidx"]]
    pa_name = np.where(st["has_pa"] & (wl >= 0), pa_names[np.maximum(wl, 0)], None)
    pa_name = np.where(st["has_pa"] & (wl < 0) & (st["eligibility"] != "ELIGIBLE"), "Duty Personal Adviser", pa_name)
    pa_name[~st["has_pa"] & (rng.random(ncl) < 0.5)] = "None"
    tables["ssd_care_leavers"] = {
        "clea_table_id": F.ids(np.arange(ncl), "care_leaver", area), "clea_person_id": pid(st["person"]),
        "extract_date": F.dates(st["extract"]), "clea_care_leaver_eligibility": F.text(st["eligibility"]),
        "clea_care_leaver_in_touch": F.text(st["in_touch"]), "clea_care_leaver_latest_contact": F.dates(st["contact"]),
        "clea_care_leaver_accommodation": F.text(st["accommodation"]),
        "clea_care_leaver_accom_suitable": F.text(st["suitable"]), "clea_care_leaver_activity": F.text(st["activity"]),
        "clea_pathway_plan_review_date": F.dates(st["review"]),
        "clea_care_leaver_personal_advisor": F.text(pa_name),
        "clea_care_leaver_allocated_team": F.text(cl_team[st["pidx"]]),
        "clea_care_leaver_worker_id": F.ids(np.where(st["has_pa"], wl, -1), "professional", area),
    }
    # ---------------- workforce ----------------
    npro = len(pros["team"])
    tables["ssd_professionals"] = {
        "prof_professional_id": F.ids(np.arange(npro), "professional", area),
        "prof_staff_id": F.text(np.array([f"{prefix}S{k + 1:05d}" for k in range(npro)], dtype=object)),
        "prof_professional_name": F.text(pa_names[:npro]),
        "prof_professional_job_title": F.text(pros["title"]), "prof_professional_department": F.text(pros["team"]),
        "prof_full_time_equivalency": F.numbers(pros["fte"].astype(float), ".2f"),
        "prof_agency_worker_flag": F.flags(pros["agency"].astype(bool)),
        "prof_professional_caseload": F.numbers(pros["caseload"].astype(int), "d"),
    }
    order = np.lexsort((alloc["start"], alloc["person"]))
    al = {k: v[order] for k, v in alloc.items()}
    wk = worker[order]
    role_id = np.array(["Social Worker", "Family Practitioner", "Personal Adviser"], dtype=object)[al["role"]]
    tables["ssd_involvements"] = {
        "invo_involvements_id": F.ids(np.arange(len(wk)), "involvement", area),
        "invo_professional_id": F.ids(wk, "professional", area), "invo_professional_role_id": F.text(role_id),
        "invo_professional_team": F.text(al["team"]), "invo_involvement_start_date": F.dates(al["start"]),
        "invo_involvement_end_date": F.dates(al["end"]), "invo_worker_change_reason": F.text(al["reason"]),
        "invo_person_id": pid(al["person"]), "invo_referral_id": F.ids(al["referral"], "referral", area),
    }
    rows = org.rows
    tables["ssd_department"] = {
        "dept_team_id": F.text([r["team_id"] for r in rows]), "dept_team_name": F.text([r["team_name"] for r in rows]),
        "dept_team_parent_id": F.text([r["parent_id"] or None for r in rows]),
        "dept_team_parent_name": F.text([r["parent_name"] or None for r in rows]),
    }
    tables["team_structure"] = {
        "team_id": F.text([r["team_id"] for r in rows]), "locality": F.text([r["locality"] or None for r in rows]),
        "service": F.text([r["service"] or None for r in rows]),
    }
    hr = hr_establishment(rng, prof, org, pros, H, E)
    tables["hr_establishment"] = {
        "as_at_date": F.dates(np.array(hr["as_at"], dtype=np.int64)), "role": F.text(hr["role"]),
        "team_id": F.text(hr["team"]), "budgeted_fte": F.numbers(hr["budgeted"], ".2f"),
        "permanent_fte": F.numbers(hr["permanent"], ".2f"), "fixed_term_fte": F.numbers(hr["fixed_term"], ".2f"),
        "agency_fte": F.numbers(hr["agency"], ".2f"), "vacancy_fte": F.numbers(hr["vacancy"], ".2f"),
    }
    for name, cols in tables.items():
        assert list(cols) == LANDING_COLUMNS[name], name
    if part == "1":
        return tables, {}
    journeys = Journeys(
        prof=prof, area=area, history_start=H, extract_day=E, cal=cal, org=org,
        person={"dob": ppl["dob"], "loc": child_loc, "disabled": dis, "sex": sex},
        eps=eps, assessment_ref=a, cin_ref=c, cp_ref=cp_idx, periods=periods,
        episodes={"period": ep_period, "start": ep_start, "end": ep_end},
        placements={"period": pl_period, "start": np.r_[pl_["start"], sb["start"]],
                    "end": np.r_[pl_["end"], sb["end"]], "type": np.r_[pl_["type"], sb_type],
                    "reason": np.r_[pl_["reason"], np.full(n_sb, None, dtype=object)], "distance": dist},
        legal={"period": lg_period, "child": per_child_all[lg_period],
               "code": np.r_[lg_["code"], np.full(n_sb, "V3")].astype(object),
               "start": np.r_[lg_["start"], sb["start"]].astype(np.int64),
               "end": np.r_[lg_["end"], sb["end"]].astype(np.int64)},
        alloc={k: alloc[k] for k in ("team", "start", "end", "person")},
    )
    appended = add_inspection_tables(stream(seed, area, "inspection"), journeys, tables, n_children)
    columns = landing_columns("all")
    for name, cols in {**tables, **appended}.items():
        assert list(cols) == columns[name], name
    return tables, appended
