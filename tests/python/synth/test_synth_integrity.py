"""Referential integrity and date order of a clean synthetic extract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from synth_measures import read_landing


@pytest.fixture(scope="module")
def t(small_clean: Path) -> dict[str, pd.DataFrame]:
    tables = read_landing(small_clean)
    for df in tables.values():
        for col in df.columns:
            if col.endswith("_date") or col in ("pers_dob", "extract_date", "as_at_date",
                                                "clea_care_leaver_latest_contact"):
                df[col] = pd.to_datetime(df[col], format="%Y-%m-%d")
    return tables


def extract_date(t) -> pd.Timestamp:
    return t["extract_manifest"]["extract_date"].iloc[0]


def resolves(child: pd.Series, parent: pd.Series) -> None:
    missing = set(child.dropna()) - set(parent)
    assert not missing, f"{child.name}: {len(missing)} ids do not resolve, e.g. {sorted(missing)[:3]}"


def test_ids_unique(t):
    for name, df in t.items():
        if name in ("extract_manifest", "hr_establishment"):
            continue
        idc = df.columns[0]
        assert df[idc].notna().all(), name
        assert df[idc].is_unique, name


def test_foreign_ids_resolve(t):
    person = t["ssd_person"]["pers_person_id"]
    for name, df in t.items():
        for col in df.columns:
            if col.endswith("_person_id") and name != "ssd_person":
                resolves(df[col], person)
    ref = t["ssd_cin_episodes"]["cine_referral_id"]
    for name, col in [("ssd_cin_assessments", "cina_referral_id"), ("ssd_cin_plans", "cinp_referral_id"),
                      ("ssd_s47_enquiry", "s47e_referral_id"), ("ssd_initial_cp_conference", "icpc_referral_id"),
                      ("ssd_cp_plans", "cppl_referral_id"), ("ssd_cla_episodes", "clae_referral_id"),
                      ("ssd_involvements", "invo_referral_id")]:
        resolves(t[name][col], ref)
    resolves(t["ssd_initial_cp_conference"]["icpc_s47_enquiry_id"], t["ssd_s47_enquiry"]["s47e_s47_enquiry_id"])
    resolves(t["ssd_initial_cp_conference"]["icpc_cp_plan_id"], t["ssd_cp_plans"]["cppl_cp_plan_id"])
    resolves(t["ssd_cp_plans"]["cppl_icpc_id"], t["ssd_initial_cp_conference"]["icpc_icpc_id"])
    resolves(t["ssd_cp_visits"]["cppv_cp_plan_id"], t["ssd_cp_plans"]["cppl_cp_plan_id"])
    resolves(t["ssd_cla_episodes"]["clae_cla_placement_id"], t["ssd_cla_placement"]["clap_cla_placement_id"])
    resolves(t["ssd_cla_placement"]["clap_cla_id"], t["ssd_cla_episodes"]["clae_cla_id"])
    resolves(t["ssd_cla_visits"]["clav_cla_id"], t["ssd_cla_episodes"]["clae_cla_id"])
    workers = t["ssd_professionals"]["prof_professional_id"]
    for name, df in t.items():
        for col in df.columns:
            if col.endswith("_worker_id") or col == "invo_professional_id":
                resolves(df[col], workers)
    teams = t["ssd_department"]["dept_team_id"]
    assert set(teams) == set(t["team_structure"]["team_id"])
    for name, col in [("ssd_cin_episodes", "cine_referral_team"), ("ssd_cin_assessments", "cina_assessment_team"),
                      ("ssd_cin_plans", "cinp_cin_plan_team"), ("ssd_s47_enquiry", "s47e_s47_completed_by_team"),
                      ("ssd_initial_cp_conference", "icpc_icpc_team"), ("ssd_involvements", "invo_professional_team"),
                      ("ssd_care_leavers", "clea_care_leaver_allocated_team"),
                      ("ssd_professionals", "prof_professional_department"), ("hr_establishment", "team_id"),
                      ("ssd_department", "dept_team_parent_id")]:
        resolves(t[name][col], teams)
    localities = set(t["team_structure"]["locality"].dropna())
    assert localities == {"North", "South", "Mid & East", "Exeter"}


def test_linked_records_belong_to_the_same_child(t):
    ref = t["ssd_cin_episodes"].set_index("cine_referral_id")["cine_person_id"]
    for name, rcol, pcol in [("ssd_cin_assessments", "cina_referral_id", "cina_person_id"),
                             ("ssd_cin_plans", "cinp_referral_id", "cinp_person_id"),
                             ("ssd_s47_enquiry", "s47e_referral_id", "s47e_person_id"),
                             ("ssd_cp_plans", "cppl_referral_id", "cppl_person_id")]:
        df = t[name]
        assert (df[rcol].map(ref) == df[pcol]).all(), name
    cp = t["ssd_cp_plans"].set_index("cppl_cp_plan_id")
    v = t["ssd_cp_visits"]
    assert (v["cppv_cp_plan_id"].map(cp["cppl_person_id"]) == v["cppv_person_id"]).all()
    icpc = t["ssd_initial_cp_conference"].set_index("icpc_icpc_id")
    plans = t["ssd_cp_plans"]
    assert (plans["cppl_icpc_id"].map(icpc["icpc_icpc_date"]) == plans["cppl_cp_plan_start_date"]).all()
    assert (plans["cppl_icpc_id"].map(icpc["icpc_icpc_outcome_cp_flag"]) == "Y").all()


def _open_end(end: pd.Series, e: pd.Timestamp) -> pd.Series:
    return end.fillna(e + pd.Timedelta(days=1))


def test_dates_ordered_and_not_after_extract(t):
    e = extract_date(t)
    pairs = [("ssd_cin_episodes", "cine_referral_date", "cine_close_date"),
             ("ssd_cin_assessments", "cina_assessment_start_date", "cina_assessment_auth_date"),
             ("ssd_cin_plans", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),
             ("ssd_s47_enquiry", "s47e_s47_start_date", "s47e_s47_end_date"),
             ("ssd_cp_plans", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),
             ("ssd_cla_episodes", "clae_cla_episode_start_date", "clae_cla_episode_ceased_date"),
             ("ssd_legal_status", "lega_legal_status_start_date", "lega_legal_status_end_date"),
             ("ssd_cla_placement", "clap_cla_placement_start_date", "clap_cla_placement_end_date"),
             ("ssd_involvements", "invo_involvement_start_date", "invo_involvement_end_date")]
    for name, s, en in pairs:
        df = t[name]
        assert df[s].notna().all(), (name, s)
        assert (df[s] <= e).all() and (df[en].dropna() <= e).all(), name
        ended = df[en].notna()
        assert (df.loc[ended, s] <= df.loc[ended, en]).all(), name
    dob = t["ssd_person"].set_index("pers_person_id")["pers_dob"]
    assert t["ssd_person"]["pers_dob"].notna().all()
    r = t["ssd_cin_episodes"]
    assert (r["cine_referral_date"] >= r["cine_person_id"].map(dob)).all()
    a = t["ssd_cin_assessments"].merge(r, left_on="cina_referral_id", right_on="cine_referral_id")
    assert (a["cina_assessment_start_date"] >= a["cine_referral_date"]).all()
    s47 = t["ssd_s47_enquiry"].merge(t["ssd_initial_cp_conference"], left_on="s47e_s47_enquiry_id",
                                     right_on="icpc_s47_enquiry_id")
    assert (s47["s47e_s47_start_date"] <= s47["icpc_icpc_date"]).all()
    for name, col in [("ssd_cin_visits", "cinv_cin_visit_date"), ("ssd_cp_visits", "cppv_cp_visit_date"),
                      ("ssd_cla_visits", "clav_cla_visit_date"), ("ssd_cla_health", "clah_health_check_date"),
                      ("ssd_care_leavers", "extract_date"), ("hr_establishment", "as_at_date")]:
        assert (t[name][col] <= e).all(), name


def _no_overlap(df: pd.DataFrame, person: str, start: str, end: str, e: pd.Timestamp) -> int:
    d = df[[person, start, end]].copy()
    d["end_"] = _open_end(d[end], e)
    d = d.sort_values([person, start])
    same = d[person].eq(d[person].shift())
    return int((same & (d[start] < d["end_"].shift())).sum())


def test_no_overlapping_plans_periods_or_placements(t):
    e = extract_date(t)
    assert _no_overlap(t["ssd_cin_plans"], "cinp_person_id", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date", e) == 0
    assert _no_overlap(t["ssd_cp_plans"], "cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date", e) == 0
    assert _no_overlap(t["ssd_cla_episodes"], "clae_person_id", "clae_cla_episode_start_date",
                       "clae_cla_episode_ceased_date", e) == 0
    assert _no_overlap(t["ssd_cla_placement"], "clap_person_id", "clap_cla_placement_start_date",
                       "clap_cla_placement_end_date", e) == 0
    assert _no_overlap(t["ssd_legal_status"], "lega_person_id", "lega_legal_status_start_date",
                       "lega_legal_status_end_date", e) == 0


def _periods(t, e):
    ep = t["ssd_cla_episodes"]
    per = ep.groupby("clae_cla_id").agg(person=("clae_person_id", "first"), npersons=("clae_person_id", "nunique"),
                                        start=("clae_cla_episode_start_date", "min"),
                                        end=("clae_cla_episode_ceased_date", lambda s: pd.NaT if s.isna().any() else s.max()))
    assert (per["npersons"] == 1).all()
    return per


def test_episodes_chain_into_periods(t):
    ep = t["ssd_cla_episodes"].sort_values(["clae_cla_id", "clae_cla_episode_start_date"])
    same = ep["clae_cla_id"].eq(ep["clae_cla_id"].shift(-1))
    assert (ep.loc[same, "clae_cla_episode_ceased_date"].values == ep["clae_cla_episode_start_date"].shift(-1)[same].values).all()
    assert (ep.loc[same, "clae_cla_episode_ceased_reason"] == "X1").all()
    first = ~ep["clae_cla_id"].eq(ep["clae_cla_id"].shift())
    assert (ep.loc[first, "clae_cla_episode_start_reason"] == "S").all()


def test_placements_inside_periods_of_care(t):
    e = extract_date(t)
    per = _periods(t, e)
    pl = t["ssd_cla_placement"].join(per, on="clap_cla_id")
    assert (pl["clap_person_id"] == pl["person"]).all()
    assert (pl["clap_cla_placement_start_date"] >= pl["start"]).all()
    assert (_open_end(pl["clap_cla_placement_end_date"], e) <= _open_end(pl["end"], e)).all()


def _inside(visits: pd.DataFrame, vp: str, vd: str, plans: pd.DataFrame, pp: str, ps: str, pe: str, e) -> bool:
    v = visits[[vp, vd]].reset_index().rename(columns={vp: "p", vd: "d"})
    p = plans[[pp, ps, pe]].rename(columns={pp: "p", ps: "s", pe: "e"})
    p["e"] = _open_end(p["e"], e)
    m = v.merge(p, on="p")
    ok = m[(m["d"] >= m["s"]) & (m["d"] <= m["e"])]["index"].unique()
    return len(ok) == len(v)


def test_visits_inside_a_plan_or_period_of_that_child(t):
    e = extract_date(t)
    assert _inside(t["ssd_cin_visits"], "cinv_person_id", "cinv_cin_visit_date", t["ssd_cin_plans"],
                   "cinp_person_id", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date", e)
    assert _inside(t["ssd_cp_visits"], "cppv_person_id", "cppv_cp_visit_date", t["ssd_cp_plans"],
                   "cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date", e)
    per = _periods(t, e).reset_index()
    assert _inside(t["ssd_cla_visits"], "clav_person_id", "clav_cla_visit_date", per, "person", "start", "end", e)
    assert _inside(t["ssd_cla_health"], "clah_person_id", "clah_health_check_date", per, "person", "start", "end", e)
    v = t["ssd_cla_visits"].join(per.set_index("clae_cla_id"), on="clav_cla_id")
    assert (v["clav_person_id"] == v["person"]).all()


def test_every_open_case_is_allocated(t):
    e = extract_date(t)
    inv = t["ssd_involvements"]
    open_inv = inv[(inv["invo_involvement_start_date"] <= e) & inv["invo_involvement_end_date"].isna()]
    allocated = set(open_inv["invo_person_id"])
    for name, p, end in [("ssd_cin_plans", "cinp_person_id", "cinp_cin_plan_end_date"),
                         ("ssd_cp_plans", "cppl_person_id", "cppl_cp_plan_end_date"),
                         ("ssd_cla_episodes", "clae_person_id", "clae_cla_episode_ceased_date")]:
        open_cases = set(t[name].loc[t[name][end].isna(), p])
        assert open_cases <= allocated, name
    # a worker change splits an allocation: the new one starts the day the old one ends
    changed = inv[inv["invo_worker_change_reason"].notna()]
    assert len(changed) > 0
    ends = set(zip(inv["invo_person_id"], inv["invo_involvement_end_date"].dropna().reindex(inv.index)))
    assert all((p, d) in ends for p, d in zip(changed["invo_person_id"], changed["invo_involvement_start_date"]))


def test_care_leaver_states_are_monthly_and_consistent(t):
    cl = t["ssd_care_leavers"]
    assert not cl.duplicated(["clea_person_id", "extract_date"]).any()
    assert cl["extract_date"].nunique() > 60
    dob = t["ssd_person"].set_index("pers_person_id")["pers_dob"]
    age = (cl["extract_date"] - cl["clea_person_id"].map(dob)).dt.days / 365.25
    assert age.min() >= 15.99 and age.max() < 22.01
    assert set(cl["clea_care_leaver_eligibility"]) <= {"ELIGIBLE", "RELEVANT", "FORMER_RELEVANT", "QUALIFYING"}
    former = cl[cl["clea_care_leaver_eligibility"] == "FORMER_RELEVANT"]
    assert (former["extract_date"] - former["clea_person_id"].map(dob)).dt.days.min() >= 18 * 365


def test_teams_differ_in_visit_lateness(t):
    """North and Mid & East are set up to visit late more often than Exeter."""
    plans = t["ssd_cin_plans"].merge(t["team_structure"], left_on="cinp_cin_plan_team", right_on="team_id")
    v = t["ssd_cin_visits"].sort_values(["cinv_person_id", "cinv_cin_visit_date"])
    gap = v.groupby("cinv_person_id")["cinv_cin_visit_date"].diff().dt.days
    v = v.assign(gap=gap).dropna(subset=["gap"])
    loc = plans.groupby("cinp_person_id")["locality"].first()
    late = (v["gap"] > 28).groupby(v["cinv_person_id"].map(loc)).mean()
    assert late["North"] > late["Exeter"] * 1.3
    assert late["Mid & East"] > late["South"]
    assert np.isfinite(late.values).all()
