"""The inspection tables (landing part 2) follow the journeys of part 1: contacts before the
referral they lead to, factors of authorised assessments, reviews inside their plan or period
of care on the statutory schedule, missing episodes only of children in care or in need,
supervision orders never beside a 903 legal status, adoption milestones matching the care
records, and audits of open cases. Checked on the clean small extract with pandas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
import pytest
from synth_measures import read_landing

E = pd.Timestamp("2021-10-20")
FAR = pd.Timestamp("2099-12-31")
PERMANENCE_PLAN = {"REMAINSUP", "RETURN1M", "RETURN6M", "RETURNEV", "LTRELFR", "LTFOST18", "RESPLMT", "SUPPLIV",
                   "ADOPTION", "OTHERPLN"}
FACTORS = {f"{n}{s}" for n in range(1, 25) for s in "ABCDEF"} | {"20", "21"}
DISABILITY = {"NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"}
NOT_903 = {"SO", "ISO", "SGO", "CAO", "PF"}


def code_set(value: str | None) -> list[str]:
    """The landing contract's code-set rules: JSON array, JSON object (keys whose value is not
    blank or a no-flag), or text split on , ; |."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    v = value.strip()
    if v[:1] in "[{":
        parsed = json.loads(v)
        if isinstance(parsed, dict):
            return [k for k, x in parsed.items() if str(x).strip() and str(x).strip().upper() not in
                    {"N", "NO", "0", "FALSE"}]
        return [str(x) for x in parsed]
    return [c.strip() for c in re.split(r"[,;|]", v) if c.strip()]


def _d(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")


def add_months(days: pd.Series, months: int) -> pd.Series:
    return days + pd.DateOffset(months=months)  # pandas clamps to the month end, as the contract does


@pytest.fixture(scope="module")
def t(small_clean: Path) -> dict[str, pd.DataFrame]:
    return read_landing(small_clean)


@pytest.fixture(scope="module")
def periods(t) -> pd.DataFrame:
    """Periods of care (clae_cla_id) with start, end (FAR when open) and whether short breaks."""
    ep = t["ssd_cla_episodes"].copy()
    ep["s"], ep["e"] = _d(ep["clae_cla_episode_start_date"]), _d(ep["clae_cla_episode_ceased_date"]).fillna(FAR)
    per = ep.groupby("clae_cla_id").agg(person=("clae_person_id", "first"), s=("s", "min"), e=("e", "max"))
    lg = t["ssd_legal_status"]
    sb_people = set(lg.loc[lg["lega_legal_status"].isin(["V3", "V4"]), "lega_person_id"])
    per["short_break"] = ep.groupby("clae_cla_id")["clae_cla_episode_ceased_reason"].first().eq("E13") & \
        per["person"].isin(sb_people) & ((per["e"] - per["s"]).dt.days <= 5)
    return per


def test_every_code_set_parses_to_known_codes(t):
    outcome = {"NEW_REFERRAL_FLAG", "EXISTING_REFERRAL_FLAG", "CP_ENQUIRY_FLAG", "NFA_FLAG",
               "NON_AGENCY_ADOPTION_FLAG", "PRIVATE_FOSTERING_FLAG", "ADVICE_FLAG", "MISSING_FLAG", "OLA_CP_FLAG",
               "OTHER_OUTCOMES_EXIST_FLAG"}
    forms = set()
    for table, col, known in (("ssd_contacts", "cont_contact_outcome_json", outcome),
                              ("ssd_assessment_factors", "cinf_assessment_factors_json", FACTORS),
                              ("ssd_cla_care_plan", "lacp_cla_care_plan_json", PERMANENCE_PLAN)):
        values = t[table][col]
        forms |= {v.strip()[:1] if v.strip()[:1] in "[{" else "text" for v in values.dropna()}
        codes = {c for v in values for c in code_set(v)}
        assert codes and codes <= known, (table, codes - known)
    assert forms == {"[", "{", "text"}  # the three forms the contract accepts


def test_contacts_precede_the_referral_they_lead_to(t):
    co = t["ssd_contacts"].copy()
    co["d"] = _d(co["cont_contact_date"])
    led = co[co["cont_contact_outcome_json"].map(lambda v: "NEW_REFERRAL_FLAG" in code_set(v))]
    ref = t["ssd_cin_episodes"].copy()
    ref["r"] = _d(ref["cine_referral_date"])
    m = led.merge(ref[["cine_person_id", "r", "cine_referral_source_code"]], left_on="cont_person_id",
                  right_on="cine_person_id")
    m = m[(m["r"] >= m["d"]) & (m["r"] <= m["d"] + pd.Timedelta(days=5))]
    assert set(m["cont_contact_id"]) == set(led["cont_contact_id"])  # each leads to a referral 0-5 days on
    same_source = m.groupby("cont_contact_id").apply(
        lambda g: (g["cont_contact_source_code"] == g["cine_referral_source_code"]).any(), include_groups=False)
    assert same_source.all()
    # most referrals have a contact; many contacts lead to no referral
    assert 0.85 <= ref.set_index(["cine_person_id", "r"]).index.isin(
        m.set_index(["cine_person_id", "r"]).index).mean() <= 0.97
    assert 0.2 <= len(led) / len(co) <= 0.45
    assert (co["d"] <= E).all()


def test_factors_belong_to_authorised_assessments_and_21_stands_alone(t):
    a = t["ssd_cin_assessments"].set_index("cina_assessment_id")
    f = t["ssd_assessment_factors"]
    assert f["cinf_assessment_id"].isin(a.index).all()
    assert a.loc[f["cinf_assessment_id"], "cina_assessment_auth_date"].notna().all()
    per_assessment = f.groupby("cinf_assessment_id")["cinf_assessment_factors_json"].agg(
        lambda vs: sorted({c for v in vs for c in code_set(v)}))
    assert all(codes == ["21"] or "21" not in codes for codes in per_assessment)
    assert (f.groupby("cinf_assessment_id").size() > 1).any()  # some long-form rows
    share = per_assessment.map(lambda c: bool({"3A", "3B", "3C"} & set(c))).mean()
    assert 0.3 <= share <= 0.55  # domestic abuse: the most common factor group


def _chain_ok(held: pd.Series, due: pd.Series, first_due: pd.Timestamp, second: int, later: int) -> bool:
    """Due dates of a plan's or period's held reviews follow the schedule from its first due date."""
    expected = first_due
    for k, (h, d) in enumerate(zip(held, due)):
        if d != expected:
            return False
        expected = h + pd.DateOffset(months=second if k == 0 else later)
    return True


def test_cp_reviews_inside_their_plan_on_the_schedule(t):
    cp = t["ssd_cp_plans"].set_index("cppl_cp_plan_id")
    r = t["ssd_cp_reviews"].copy()
    r["h"], r["due"] = _d(r["cppr_cp_review_date"]), _d(r["cppr_cp_review_due"])
    plan = cp.loc[r["cppr_cp_plan_id"]]
    start = _d(plan["cppl_cp_plan_start_date"]).values
    end = _d(plan["cppl_cp_plan_end_date"]).fillna(FAR).values
    assert (r["cppr_person_id"].values == plan["cppl_person_id"].values).all()
    held = r["h"].notna()
    assert ((r["h"].values > start) & (r["h"].values <= end))[held].all()
    assert (r["h"][held] <= E).all()
    # a planned review (no date) is the next one due: mostly after the extract, a few overdue
    assert 0.7 < (r["due"][~held] > E).mean() < 1
    h = r[held]
    late = (h["h"] > h["due"]).mean()
    assert 0.02 <= late <= 0.15  # some late
    checked = 0
    for pid, g in h.groupby("cppr_cp_plan_id"):
        s = pd.Timestamp(cp.loc[pid, "cppl_cp_plan_start_date"])
        if s < pd.Timestamp("2016-06-01"):  # reviews before the history start are not in the extract
            continue
        g = g.sort_values("h")
        scheduled = g if cp.loc[pid, "cppl_cp_plan_end_date"] is None or g["h"].iloc[-1] != pd.Timestamp(
            cp.loc[pid, "cppl_cp_plan_end_date"]) else g.iloc[:-1]  # the closing review is not scheduled
        assert _chain_ok(scheduled["h"], scheduled["due"], s + pd.DateOffset(months=3), 6, 6), pid
        checked += 1
    assert checked > 100


def test_cla_reviews_inside_their_period_on_the_schedule(t, periods):
    r = t["ssd_cla_reviews"].copy()
    r["h"], r["due"] = _d(r["clar_cla_review_date"]), _d(r["clar_cla_review_due_date"])
    assert r["clar_cla_id"].isin(periods.index).all()
    per = periods.loc[r["clar_cla_id"]]
    assert not per["short_break"].any()  # short-break periods have no reviews (reg 48)
    known = r["clar_cla_person_id"].notna()
    assert (r.loc[known, "clar_cla_person_id"].values == per.loc[known.values, "person"].values).all()
    assert 0 < (~known).mean() < 0.3  # some blank: found through clar_cla_id
    held = r["h"].notna()
    assert ((r["h"].values >= per["s"].values) & (r["h"].values <= per["e"].values))[held].all()
    ok = r[held & r["clar_cla_review_cancelled"].eq("N")]
    assert r["clar_cla_review_cancelled"].eq("Y").any()
    years = range(2010, 2023)
    hol = np.array(sorted(holidays.country_holidays("GB", subdiv="ENG", years=years)), dtype="datetime64[D]")
    cal = np.busdaycalendar(weekmask="1111100", holidays=hol)
    checked = 0
    for cid, g in ok.groupby("clar_cla_id"):
        s = periods.loc[cid, "s"]
        if s < pd.Timestamp("2016-01-01"):
            continue
        first_due = pd.Timestamp(np.busday_offset(np.datetime64(s.date()), 20, roll="forward", busdaycal=cal))
        assert _chain_ok(g.sort_values("h")["h"], g.sort_values("h")["due"], first_due, 3, 6), cid
        checked += 1
    assert checked > 50
    assert 0.03 <= (ok["h"] > ok["due"]).mean() <= 0.2


def _open_on(df: pd.DataFrame, person: str, start: str, end: str, days: pd.DataFrame, dp: str, dd: str) -> pd.Series:
    """For each row of `days`, whether `df` has a row of the same person with start <= day < end."""
    x = days[[dp, dd]].reset_index().merge(df[[person, start, end]], left_on=dp, right_on=person)
    x = x[(x[start] <= x[dd]) & (x[dd] < x[end])]
    return days.index.isin(x["index"])


def test_missing_episodes_only_of_children_in_care_or_in_need(t):
    ep = t["ssd_cla_episodes"].copy()
    ep["s"], ep["e"] = _d(ep["clae_cla_episode_start_date"]), _d(ep["clae_cla_episode_ceased_date"]).fillna(FAR)
    lg = t["ssd_legal_status"].copy()
    lg["s"], lg["e"] = _d(lg["lega_legal_status_start_date"]), _d(lg["lega_legal_status_end_date"]).fillna(FAR)
    cin = t["ssd_cin_plans"].copy()
    cin["s"], cin["e"] = _d(cin["cinp_cin_plan_start_date"]), _d(cin["cinp_cin_plan_end_date"]).fillna(FAR)
    mi = t["ssd_missing"].copy()
    mi["d"] = _d(mi["miss_missing_episode_start_date"])
    in_care = _open_on(ep, "clae_person_id", "s", "e", mi, "miss_person_id", "d")
    short_break = _open_on(lg[lg["lega_legal_status"].isin(["V3", "V4"])], "lega_person_id", "s", "e", mi,
                           "miss_person_id", "d")
    in_need = _open_on(cin, "cinp_person_id", "s", "e", mi, "miss_person_id", "d")
    assert ((in_care & ~short_break) | in_need).all()
    assert in_care.mean() > 0.7  # most are missing from care
    assert set(mi["miss_missing_episode_type"]) == {"M", "A"}
    end = _d(mi["miss_missing_episode_end_date"])
    assert (end.dropna() >= mi.loc[end.notna(), "d"]).all()
    offered = _d(mi["miss_missing_rhi_offered_date"])
    assert (offered.dropna() >= end[offered.notna()]).all()
    assert mi.loc[offered.notna(), "miss_missing_rhi_offered"].eq("Y").all()
    assert mi.loc[mi["miss_missing_episode_type"].eq("A"), "miss_missing_rhi_offered"].eq("NA").all()


def test_supervision_orders_never_beside_a_903_status(t):
    lg = t["ssd_legal_status"].copy()
    lg["s"], lg["e"] = _d(lg["lega_legal_status_start_date"]), _d(lg["lega_legal_status_end_date"]).fillna(FAR)
    so, ls903 = lg[lg["lega_legal_status"].isin(NOT_903)], lg[~lg["lega_legal_status"].isin(NOT_903)]
    assert set(so["lega_legal_status"]) == {"SO", "ISO"}
    x = so.merge(ls903, on="lega_person_id", suffixes=("", "_903"))
    assert not ((x["s"] < x["e_903"]) & (x["s_903"] < x["e"])).any()
    cin = t["ssd_cin_plans"].copy()
    cin["s"], cin["e"] = _d(cin["cinp_cin_plan_start_date"]), _d(cin["cinp_cin_plan_end_date"]).fillna(FAR)
    y = so.merge(cin, left_on="lega_person_id", right_on="cinp_person_id", suffixes=("", "_cin"))
    inside = y[(y["s_cin"] <= y["s"]) & (y["e"] <= y["e_cin"])]
    assert set(inside["lega_legal_status_id"]) == set(so["lega_legal_status_id"])  # inside a CIN plan


def test_uasc_are_teenagers_entering_care(t, periods):
    im = t["ssd_immigration_status"].copy()
    im["s"] = _d(im["immi_immigration_status_start_date"])
    uasc = im[im["immi_immigration_status"].eq("UASC")]
    assert len(uasc)
    first = periods.sort_values("s").groupby("person")["s"].first()
    dob = _d(t["ssd_person"].set_index("pers_person_id")["pers_dob"])
    gap = (first.loc[uasc["immi_person_id"]].values - uasc["s"].values).astype("timedelta64[D]").astype(int)
    assert ((gap >= 0) & (gap <= 7)).all()  # UASC from up to a week before entering care
    age = (uasc["s"].values - dob.loc[uasc["immi_person_id"]].values).astype("timedelta64[D]").astype(int) / 365.25
    assert (age >= 12.9).all()
    later = im[~im["immi_immigration_status"].eq("UASC")]
    assert later["immi_person_id"].isin(uasc["immi_person_id"]).all()


def test_permanence_matches_the_adoption_records(t, periods):
    pm = t["ssd_permanence"].copy()
    ep = t["ssd_cla_episodes"]
    adopted = pm[pm["perm_permanence_order_date"].notna()]
    assert len(adopted) and adopted["perm_permanence_order_type"].eq("ADOPTION").all()
    exits = ep[ep["clae_cla_episode_ceased_reason"].isin(["E11", "E12"])].set_index("clae_cla_id")
    assert (exits.loc[adopted["perm_cla_id"], "clae_cla_episode_ceased_date"].values
            == adopted["perm_permanence_order_date"].values).all()
    lg = t["ssd_legal_status"]
    e1 = set(zip(lg.loc[lg["lega_legal_status"].eq("E1"), "lega_person_id"],
                 lg.loc[lg["lega_legal_status"].eq("E1"), "lega_legal_status_start_date"]))
    orders = adopted[adopted["perm_placement_order_date"].notna()]
    assert all(k in e1 for k in zip(orders["perm_person_id"], orders["perm_placement_order_date"]))
    pl = t["ssd_cla_placement"]
    placed = set(zip(pl.loc[pl["clap_cla_placement_type"].isin(["A4", "A5", "A6"]), "clap_cla_id"],
                     pl.loc[pl["clap_cla_placement_type"].isin(["A4", "A5", "A6"]), "clap_cla_placement_start_date"]))
    assert all(k in placed for k in zip(adopted["perm_cla_id"], adopted["perm_placed_for_adoption_date"]))
    d = {c: _d(adopted[c]) for c in ("perm_adm_decision_date", "perm_matched_date", "perm_placed_for_adoption_date",
                                      "perm_permanence_order_date")}
    assert ((d["perm_adm_decision_date"] <= d["perm_matched_date"]) & (d["perm_matched_date"] <= d["perm_placed_for_adoption_date"])
            & (d["perm_placed_for_adoption_date"] < d["perm_permanence_order_date"])).all()
    assert periods.loc[pm["perm_cla_id"]].shape[0] == len(pm)


def test_care_plans_inside_the_period_of_care(t, periods):
    cp = t["ssd_cla_care_plan"].copy()
    cp["s"], cp["e"] = _d(cp["lacp_cla_care_plan_start_date"]), _d(cp["lacp_cla_care_plan_end_date"]).fillna(FAR)
    x = cp.reset_index().merge(periods.reset_index(), left_on="lacp_person_id", right_on="person", suffixes=("", "_p"))
    inside = x[(x["s_p"] < x["s"]) & (x["e"] <= x["e_p"])]
    assert set(inside["index"]) == set(range(len(cp)))
    pm = t["ssd_permanence"]
    undecided = pm[pm["perm_permanence_order_date"].notna()]
    plans = cp.groupby("lacp_person_id")["lacp_cla_care_plan_json"].agg(lambda vs: {c for v in vs for c in code_set(v)})
    assert plans.loc[plans.index.intersection(undecided["perm_person_id"])].map(lambda c: "ADOPTION" in c).mean() > 0.9


def test_disability_rows(t):
    d = t["ssd_disability"]
    assert set(d["disa_disability_code"]) <= DISABILITY
    codes = d.groupby("disa_person_id")["disa_disability_code"].agg(set)
    assert all(c == {"NONE"} or "NONE" not in c for c in codes)
    assert not d.duplicated(["disa_person_id", "disa_disability_code"]).any()


def test_audits_of_open_cases_with_grades_varying_by_team(t):
    au = t["case_audits"].copy()
    au["d"] = _d(au["audit_date"])
    assert au["d"].between(pd.Timestamp("2015-10-20"), E).all()
    assert au["team_id"].isin(t["team_structure"]["team_id"]).all()
    inv = t["ssd_involvements"].copy()
    inv["s"], inv["e"] = _d(inv["invo_involvement_start_date"]), _d(inv["invo_involvement_end_date"]).fillna(FAR)
    x = au.merge(inv, left_on=["person_id", "team_id"], right_on=["invo_person_id", "invo_professional_team"])
    month_end = au["d"] + pd.offsets.MonthEnd(0)
    x = x[(x["s"] <= x["d"] + pd.offsets.MonthEnd(0)) & (x["e"] > x["d"] - pd.Timedelta(days=31))]
    assert au["audit_id"].isin(x["audit_id"]).mean() > 0.95  # the case was open with that team
    assert set(au["audit_activity"]) == {"ROUTINE", "THEMATIC", "PRACTICE_WEEK"}
    assert set(month_end[au["audit_activity"].eq("PRACTICE_WEEK")].dt.month) == {3, 10}
    loc = t["team_structure"].set_index("team_id")["locality"]
    good = au.assign(locality=loc.loc[au["team_id"]].values).dropna(subset=["grade"]).groupby("locality")[
        "grade"].agg(lambda g: g.isin(["GOOD", "OUTSTANDING"]).mean())
    assert good.max() - good.min() > 0.1
    assert au["grade"].isna().any() and set(au["grade"].dropna()) == {"OUTSTANDING", "GOOD", "REQUIRES_IMPROVEMENT",
                                                                      "INADEQUATE"}


def test_new_columns_of_part_1_tables(t):
    pl = t["ssd_cla_placement"]
    la = pl["clap_cla_placement_la"]
    assert la.eq("999").mean() > 0.4 and la.isin(["NIR", "WAL", "SCO", "CON"]).any()
    assert la[pl["clap_cla_placement_type"].str.startswith("T")].isna().all()
    ep = t["ssd_cla_episodes"]
    iro = _d(ep["clae_cla_last_iro_contact_date"])
    open_care = ep["clae_cla_episode_ceased_date"].isna() & (_d(ep["clae_entered_care_date"]) < E - pd.Timedelta(days=60))
    assert iro[open_care].notna().mean() > 0.9 and (iro.dropna() <= E).all()
    assert (iro.dropna() >= _d(ep.loc[iro.notna(), "clae_entered_care_date"])).all()
    assert set(t["ssd_cp_plans"]["cppl_cp_plan_ola"].dropna()) == {"Y", "N"}
    person = t["ssd_person"]
    expected = _d(person["pers_expected_dob"])
    gap = (expected - _d(person["pers_dob"])).dt.days.dropna()
    assert len(gap) and gap.abs().max() <= 14


def test_early_help_episodes(t):
    eh = t["ssd_early_help_episodes"]
    ts = t["team_structure"].set_index("team_id")
    assert eh["earl_episode_team"].isin(ts.index).all()
    assert ts.loc[eh["earl_episode_team"], "locality"].notna().all()
    s, e = _d(eh["earl_episode_start_date"]), _d(eh["earl_episode_end_date"])
    assert (e.dropna() > s[e.notna()]).all() and (s <= E).all()
    assert eh.loc[e.isna(), "earl_episode_end_reason"].isna().all()
    # an episode stepped up to social care ends on a referral of that child from early help (5D)
    up = eh[eh["earl_episode_end_reason"].eq("Stepped up to children's social care")]
    ref = t["ssd_cin_episodes"]
    from_eh = set(zip(ref.loc[ref["cine_referral_source_code"].eq("5D"), "cine_person_id"],
                      ref.loc[ref["cine_referral_source_code"].eq("5D"), "cine_referral_date"]))
    assert len(up) and all(k in from_eh for k in zip(up["earl_person_id"], up["earl_episode_end_date"]))
