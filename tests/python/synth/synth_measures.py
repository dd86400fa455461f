"""Calibration figures computed straight from a generated landing folder with pandas,
independently of the dbt models (used by the synth tests and for re-calibrating profiles)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import holidays
import numpy as np
import pandas as pd

EET = {"F1", "F2", "F3", "F4", "F5", "P1", "P2", "P3", "P4", "P5"}
SW_TITLES = {"social worker", "senior social worker", "advanced practitioner"}


def read_landing(folder: str | Path) -> dict[str, pd.DataFrame]:
    folder = Path(folder)
    out = {}
    for path in sorted(folder.glob("*.csv")) + sorted(folder.glob("*.parquet")):
        if path.name.startswith("_"):
            continue
        if path.suffix == ".csv":
            out[path.stem] = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        else:
            out[path.stem] = pd.read_parquet(path)
    return out


def _d(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")


def minus_months(p: pd.Timestamp, months: int) -> pd.Timestamp:
    return (p - pd.DateOffset(months=months)).normalize()


class Measures:
    """KPI-like figures at an as-at date P, following the KPI contract's definitions."""

    def __init__(self, landing: dict[str, pd.DataFrame]) -> None:
        self.t = landing
        man = landing["extract_manifest"].iloc[0]
        self.extract = pd.Timestamp(man["extract_date"])
        self.population = int(man["child_population"])
        years = range(1990, self.extract.year + 3)
        hol = np.array(sorted(holidays.country_holidays("GB", subdiv="ENG", years=years)), dtype="datetime64[D]")
        self.cal = np.busdaycalendar(weekmask="1111100", holidays=hol)

    def wd(self, d1: pd.Series, d2: pd.Series) -> np.ndarray:
        a = d1.values.astype("datetime64[D]") + 1
        b = d2.values.astype("datetime64[D]") + 1
        return np.busday_count(a, b, busdaycal=self.cal)

    # ---- referrals ----
    @lru_cache(maxsize=1)
    def referrals(self) -> pd.DataFrame:
        r = self.t["ssd_cin_episodes"].copy()
        r["date"] = _d(r["cine_referral_date"])
        return r

    def referral_rate(self, p: pd.Timestamp) -> float:
        r = self.referrals()
        n = ((r["date"] > minus_months(p, 12)) & (r["date"] <= p)).sum()
        return 10_000 * n / self.population

    def rereferral_rate(self, p: pd.Timestamp) -> float:
        r = self.referrals()[["cine_referral_id", "cine_person_id", "date"]].dropna()
        win = r[(r["date"] > minus_months(p, 12)) & (r["date"] <= p)]
        m = win.merge(r, on="cine_person_id", suffixes=("", "_o"))
        m = m[(m["cine_referral_id"] != m["cine_referral_id_o"]) & (m["date_o"] < m["date"])
              & (m["date_o"] >= m["date"] - pd.DateOffset(months=12))]
        return 100 * m["cine_referral_id"].nunique() / len(win)

    # ---- assessments ----
    def assessments(self, p: pd.Timestamp) -> pd.DataFrame:
        a = self.t["ssd_cin_assessments"].copy()
        a["start"] = _d(a["cina_assessment_start_date"])
        a["auth"] = _d(a["cina_assessment_auth_date"])
        return a[(a["auth"] > minus_months(p, 12)) & (a["auth"] <= p)]

    def assessment_timeliness(self, p: pd.Timestamp) -> float:
        a = self.assessments(p)
        return 100 * (self.wd(a["start"], a["auth"]) <= 45).mean()

    def assessment_nfa(self, p: pd.Timestamp) -> float:
        a = self.assessments(p)
        return 100 * (a["cina_assessment_outcome_nfa"] == "Y").mean()

    # ---- child protection ----
    def icpcs(self, p: pd.Timestamp) -> pd.DataFrame:
        i = self.t["ssd_initial_cp_conference"].copy()
        i["date"] = _d(i["icpc_icpc_date"])
        i = i[(i["date"] > minus_months(p, 12)) & (i["date"] <= p) & (i["icpc_icpc_transfer_in"] != "Y")]
        s = self.t["ssd_s47_enquiry"][["s47e_s47_enquiry_id", "s47e_s47_start_date"]]
        i = i.merge(s, left_on="icpc_s47_enquiry_id", right_on="s47e_s47_enquiry_id", how="left")
        i["s47_start"] = _d(i["s47e_s47_start_date"])
        return i

    def icpc_timeliness(self, p: pd.Timestamp) -> float:
        i = self.icpcs(p).dropna(subset=["s47_start"])
        i = i[i["s47_start"] <= i["date"]]
        return 100 * (self.wd(i["s47_start"], i["date"]) <= 15).mean()

    def icpc_conversion(self, p: pd.Timestamp) -> float:
        return 100 * (self.icpcs(p)["icpc_icpc_outcome_cp_flag"] == "Y").mean()

    @lru_cache(maxsize=1)
    def cp_plans(self) -> pd.DataFrame:
        c = self.t["ssd_cp_plans"].copy()
        c["start"] = _d(c["cppl_cp_plan_start_date"])
        c["end"] = _d(c["cppl_cp_plan_end_date"])
        return c

    def repeat_cp(self, p: pd.Timestamp, months: int = 12) -> float:
        c = self.cp_plans()
        win = c[(c["start"] > minus_months(p, months)) & (c["start"] <= p)]
        first = c.groupby("cppl_person_id")["start"].min()
        return 100 * (win["start"] > win["cppl_person_id"].map(first)).mean()

    def _current(self, df: pd.DataFrame, pcol: str, idcol: str, p: pd.Timestamp) -> pd.DataFrame:
        o = df[(df["start"] <= p) & (df["end"].isna() | (df["end"] > p))]
        return o.sort_values(["start", idcol]).groupby(pcol).tail(1)

    def cp_categories(self, p: pd.Timestamp) -> dict[str, float]:
        cur = self._current(self.cp_plans(), "cppl_person_id", "cppl_cp_plan_id", p)
        cat = cur["cppl_cp_plan_latest_category"].fillna(cur["cppl_cp_plan_initial_category"])
        return (100 * cat.value_counts(normalize=True)).to_dict()

    def cp_per_10k(self, p: pd.Timestamp) -> float:
        cur = self._current(self.cp_plans(), "cppl_person_id", "cppl_cp_plan_id", p)
        return 10_000 * len(cur) / self.population

    # ---- children in need ----
    def cin_per_100k(self, p: pd.Timestamp) -> float:
        c = self.t["ssd_cin_plans"].copy()
        c["start"] = _d(c["cinp_cin_plan_start_date"])
        c["end"] = _d(c["cinp_cin_plan_end_date"])
        cur = self._current(c, "cinp_person_id", "cinp_cin_plan_id", p)
        return 100_000 * len(cur) / self.population

    # ---- children in care ----
    @lru_cache(maxsize=8)
    def looked_after(self, p: pd.Timestamp) -> pd.DataFrame:
        e = self.t["ssd_cla_episodes"].copy()
        e["start"] = _d(e["clae_cla_episode_start_date"])
        e["end"] = _d(e["clae_cla_episode_ceased_date"])
        open_ep = e[(e["start"] <= p) & (e["end"].isna() | (e["end"] > p))]
        lg = self.t["ssd_legal_status"].copy()
        lg["start"] = _d(lg["lega_legal_status_start_date"])
        lg["end"] = _d(lg["lega_legal_status_end_date"])
        cur_ls = self._current(lg, "lega_person_id", "lega_legal_status_id", p)
        short = set(cur_ls.loc[cur_ls["lega_legal_status"].isin(["V3", "V4"]), "lega_person_id"])
        kids = open_ep[~open_ep["clae_person_id"].isin(short)]
        # the period of care open at P and its start
        per = e.groupby("clae_cla_id").agg(pstart=("start", "min"), person=("clae_person_id", "first"))
        cur = kids.merge(per, left_on="clae_cla_id", right_index=True)
        cur = cur.sort_values(["pstart", "clae_cla_id"]).groupby("clae_person_id").tail(1)
        return cur[["clae_person_id", "clae_cla_id", "pstart"]]

    def cla_per_10k(self, p: pd.Timestamp) -> float:
        return 10_000 * len(self.looked_after(p)) / self.population

    @lru_cache(maxsize=1)
    def merged_placements(self) -> pd.DataFrame:
        pl = self.t["ssd_cla_placement"].copy()
        pl["start"] = _d(pl["clap_cla_placement_start_date"])
        pl["end"] = _d(pl["clap_cla_placement_end_date"])
        pl = pl[~pl["clap_cla_placement_type"].isin(["T0", "T1", "T2", "T3", "T4"])]
        pl = pl.sort_values(["clap_person_id", "start", "clap_cla_placement_id"]).reset_index(drop=True)
        prev_same = pl["clap_person_id"].eq(pl["clap_person_id"].shift())
        cont = prev_same & pl["start"].eq(pl["end"].shift()) & pl["clap_cla_placement_change_reason"].shift().eq("PLACE")
        pl["chain"] = (~cont).cumsum()
        return pl.groupby("chain").agg(person=("clap_person_id", "first"), start=("start", "first"),
                                       end=("end", "last"))

    def stability_short(self, p: pd.Timestamp) -> float:
        cla = self.looked_after(p)
        m = self.merged_placements()
        lo = minus_months(p, 12) + pd.Timedelta(days=1)
        op = m[(m["start"] <= p) & (m["end"].isna() | (m["end"] > np.maximum(m["start"], lo)))]
        n = op.groupby("person").size()
        return 100 * (cla["clae_person_id"].map(n).fillna(0) >= 3).mean()

    def stability_long(self, p: pd.Timestamp) -> float:
        cla = self.looked_after(p)
        dob = _d(self.t["ssd_person"].set_index("pers_person_id")["pers_dob"])
        cla = cla.assign(dob=cla["clae_person_id"].map(dob))
        age16 = cla["dob"] + pd.DateOffset(years=16)
        pop = cla[(age16 > p) & (cla["pstart"] <= minus_months(p, 30))]
        m = self.merged_placements()
        cur = m[(m["start"] <= p) & (m["end"].isna() | (m["end"] > p))].sort_values("start").groupby("person").tail(1)
        st = pop["clae_person_id"].map(cur.set_index("person")["start"])
        return 100 * (st <= minus_months(p, 24)).mean()

    # ---- care leavers ----
    def care_leaver_cohort(self, p: pd.Timestamp) -> pd.DataFrame:
        c = self.t["ssd_care_leavers"].copy()
        c["ex"] = _d(c["extract_date"])
        latest = c.loc[c["ex"] <= p, "ex"].max()
        c = c[(c["ex"] == latest) & c["clea_care_leaver_eligibility"].isin(["RELEVANT", "FORMER_RELEVANT"])]
        dob = _d(self.t["ssd_person"].set_index("pers_person_id")["pers_dob"])
        d = c["clea_person_id"].map(dob)
        age = pd.Series([p.year - x.year - ((p.month, p.day) < (x.month, x.day)) for x in d], index=c.index)
        return c[(age >= 17) & (age <= 21)]

    def care_leavers(self, p: pd.Timestamp) -> dict[str, float]:
        c = self.care_leaver_cohort(p)
        suit = c["clea_care_leaver_accom_suitable"]
        code = c["clea_care_leaver_accommodation"].fillna("")
        suitable = np.where(suit.notna(), suit.isin(["Y"]), code.str.len().eq(2) & code.str[1].eq("1"))
        return {"n": len(c), "in_touch": 100 * (c["clea_care_leaver_in_touch"] == "YES").mean(),
                "suitable": 100 * suitable.mean(), "eet": 100 * c["clea_care_leaver_activity"].isin(EET).mean()}

    # ---- workforce ----
    def caseload(self, p: pd.Timestamp) -> float:
        inv = self.t["ssd_involvements"].copy()
        s, e = _d(inv["invo_involvement_start_date"]), _d(inv["invo_involvement_end_date"])
        inv = inv[(s <= p) & (e.isna() | (e > p))]
        pro = self.t["ssd_professionals"]
        sw = pro[pro["prof_professional_job_title"].str.strip().str.lower().isin(SW_TITLES)]
        held = inv[inv["invo_professional_id"].isin(sw["prof_professional_id"])]
        holders = sw[sw["prof_professional_id"].isin(held["invo_professional_id"])]
        return len(held) / holders["prof_full_time_equivalency"].astype(float).sum()

    def hr(self, p: pd.Timestamp) -> dict[str, float]:
        h = self.t["hr_establishment"].copy()
        h["d"] = _d(h["as_at_date"])
        h = h[h["d"] == h.loc[h["d"] <= p, "d"].max()]
        f = {c: h[c].astype(float).sum() for c in ("budgeted_fte", "permanent_fte", "fixed_term_fte", "agency_fte", "vacancy_fte")}
        return {"agency": 100 * f["agency_fte"] / f["budgeted_fte"], "vacancy": 100 * f["vacancy_fte"] / f["budgeted_fte"],
                "agency_dfe": 100 * f["agency_fte"] / (f["agency_fte"] + f["permanent_fte"] + f["fixed_term_fte"]),
                "vacancy_dfe": 100 * f["vacancy_fte"] / (f["vacancy_fte"] + f["permanent_fte"] + f["fixed_term_fte"])}

    def all_figures(self, p: pd.Timestamp) -> dict[str, float]:
        cl = self.care_leavers(p)
        hr = self.hr(p)
        cats = self.cp_categories(p)
        return {
            "referral_rate_per_10k": self.referral_rate(p), "rereferral_rate": self.rereferral_rate(p),
            "assessment_timeliness": self.assessment_timeliness(p), "assessment_nfa": self.assessment_nfa(p),
            "icpc_timeliness": self.icpc_timeliness(p), "icpc_conversion": self.icpc_conversion(p),
            "repeat_cp": self.repeat_cp(p), "cat_NEG": cats.get("NEG", 0), "cat_EMO": cats.get("EMO", 0),
            "cat_PHY": cats.get("PHY", 0), "cat_SAB": cats.get("SAB", 0),
            "cla_per_10k": self.cla_per_10k(p), "cin_per_100k": self.cin_per_100k(p), "cp_per_10k": self.cp_per_10k(p),
            "stability_short": self.stability_short(p), "stability_long": self.stability_long(p),
            "cl_in_touch": cl["in_touch"], "cl_suitable": cl["suitable"], "cl_eet": cl["eet"], "cl_n": cl["n"],
            "caseload": self.caseload(p), "agency": hr["agency"], "vacancy": hr["vacancy"],
        }


TARGETS = {
    "referral_rate_per_10k": 500, "rereferral_rate": 20, "assessment_timeliness": 80, "assessment_nfa": 35,
    "icpc_timeliness": 80, "icpc_conversion": 85, "repeat_cp": 20, "cat_NEG": 50, "cat_EMO": 35, "cat_PHY": 12,
    "cla_per_10k": 70, "cin_per_100k": 450, "stability_short": 10, "stability_long": 68, "cl_in_touch": 90,
    "cl_suitable": 85, "cl_eet": 55, "caseload": 17, "agency": 20, "vacancy": 18,
}
