"""Dirty mode: inject the faults real extracts have, at known rates, and list each one.

The manifest (`_dirty_manifest.csv`) has one row per injected change: the landing file, the
1-based data row number in that file, the id column and its value, the fault kind, the field,
the raw value written, and `is_fault` - `Y` for a real data-quality fault the warehouse must
report, `N` for a valid variant it must read correctly (DD/MM/YYYY dates, ISO date-times,
description synonyms, Y/N variants, stray whitespace, `NULL` text), and for an end date set
before its start that a later fault undid (the start re-dated before birth, so the end is no
longer before it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa

from csc.synth.calendar import from_day
from csc.synth.schema import ALL_COLUMNS, ID_COLUMN, LANDING_COLUMNS

MANIFEST_COLUMNS = ["file", "row_number", "id_column", "id_value", "fault_kind", "field", "value", "is_fault"]
VALID_KINDS = {"ddmmyyyy_date", "datetime_variant", "code_synonym", "yn_variant", "stray_whitespace", "null_text"}

# per table: date columns, (start, end) pairs, code columns, flag columns, references,
# mandatory columns, person column with the event date to put before birth, number columns
SPEC: dict[str, dict[str, Any]] = {
    "ssd_person": dict(dates=["pers_dob"], mandatory=["pers_dob"]),
    "ssd_cin_episodes": dict(dates=["cine_referral_date", "cine_close_date"],
                             pairs=[("cine_referral_date", "cine_close_date")],
                             codes=["cine_cin_primary_need_code", "cine_referral_source_code", "cine_close_reason"],
                             flags=["cine_referral_nfa"], refs=[("cine_person_id", "ssd_person")],
                             mandatory=["cine_referral_date", "cine_referral_source_code"],
                             born=("cine_person_id", "cine_referral_date"), future="cine_referral_date"),
    "ssd_cin_assessments": dict(dates=["cina_assessment_start_date", "cina_assessment_auth_date"],
                                pairs=[("cina_assessment_start_date", "cina_assessment_auth_date")],
                                flags=["cina_assessment_child_seen", "cina_assessment_outcome_nfa"],
                                refs=[("cina_referral_id", "ssd_cin_episodes")],
                                mandatory=["cina_assessment_start_date"],
                                born=("cina_person_id", "cina_assessment_start_date"),
                                future="cina_assessment_auth_date"),
    "ssd_cin_plans": dict(dates=["cinp_cin_plan_start_date", "cinp_cin_plan_end_date"],
                          pairs=[("cinp_cin_plan_start_date", "cinp_cin_plan_end_date")],
                          refs=[("cinp_referral_id", "ssd_cin_episodes")], mandatory=["cinp_cin_plan_start_date"],
                          overlap=("cinp_person_id", "cinp_cin_plan_start_date", "cinp_cin_plan_end_date"),
                          future="cinp_cin_plan_start_date"),
    "ssd_cin_visits": dict(dates=["cinv_cin_visit_date"], flags=["cinv_cin_visit_seen", "cinv_cin_visit_seen_alone",
                                                                 "cinv_cin_visit_bedroom"],
                           mandatory=["cinv_cin_visit_date"], future="cinv_cin_visit_date",
                           born=("cinv_person_id", "cinv_cin_visit_date")),
    "ssd_s47_enquiry": dict(dates=["s47e_s47_start_date", "s47e_s47_end_date"],
                            pairs=[("s47e_s47_start_date", "s47e_s47_end_date")], flags=["s47e_s47_nfa"],
                            refs=[("s47e_referral_id", "ssd_cin_episodes")], mandatory=["s47e_s47_start_date"]),
    "ssd_initial_cp_conference": dict(dates=["icpc_icpc_date", "icpc_icpc_target_date"],
                                      flags=["icpc_icpc_transfer_in", "icpc_icpc_outcome_cp_flag"],
                                      refs=[("icpc_s47_enquiry_id", "ssd_s47_enquiry")],
                                      mandatory=["icpc_icpc_date"], future="icpc_icpc_date"),
    "ssd_cp_plans": dict(dates=["cppl_cp_plan_start_date", "cppl_cp_plan_end_date"],
                         pairs=[("cppl_cp_plan_start_date", "cppl_cp_plan_end_date")],
                         codes=["cppl_cp_plan_initial_category", "cppl_cp_plan_latest_category"],
                         refs=[("cppl_referral_id", "ssd_cin_episodes")], mandatory=["cppl_cp_plan_start_date"],
                         overlap=("cppl_person_id", "cppl_cp_plan_start_date", "cppl_cp_plan_end_date"),
                         born=("cppl_person_id", "cppl_cp_plan_start_date")),
    "ssd_cp_visits": dict(dates=["cppv_cp_visit_date"], flags=["cppv_cp_visit_seen", "cppv_cp_visit_seen_alone"],
                          refs=[("cppv_cp_plan_id", "ssd_cp_plans")], mandatory=["cppv_cp_visit_date"],
                          future="cppv_cp_visit_date"),
    "ssd_cla_episodes": dict(dates=["clae_cla_episode_start_date", "clae_cla_episode_ceased_date"],
                             pairs=[("clae_cla_episode_start_date", "clae_cla_episode_ceased_date")],
                             codes=["clae_cla_episode_start_reason", "clae_cla_episode_ceased_reason",
                                    "clae_cla_primary_need_code"],
                             mandatory=["clae_cla_episode_start_date"],
                             born=("clae_person_id", "clae_cla_episode_start_date")),
    "ssd_legal_status": dict(dates=["lega_legal_status_start_date", "lega_legal_status_end_date"],
                             pairs=[("lega_legal_status_start_date", "lega_legal_status_end_date")],
                             codes=["lega_legal_status"], mandatory=["lega_legal_status"]),
    "ssd_cla_placement": dict(dates=["clap_cla_placement_start_date", "clap_cla_placement_end_date"],
                              pairs=[("clap_cla_placement_start_date", "clap_cla_placement_end_date")],
                              codes=["clap_cla_placement_type", "clap_cla_placement_change_reason"],
                              numbers=["clap_cla_placement_distance"], mandatory=["clap_cla_placement_start_date"]),
    "ssd_cla_visits": dict(dates=["clav_cla_visit_date"], flags=["clav_cla_visit_seen", "clav_cla_visit_seen_alone"],
                           mandatory=["clav_cla_visit_date"], future="clav_cla_visit_date"),
    "ssd_cla_health": dict(dates=["clah_health_check_date"],
                           codes=["clah_health_check_type", "clah_health_check_status"],
                           mandatory=["clah_health_check_date"]),
    "ssd_care_leavers": dict(dates=["clea_pathway_plan_review_date", "clea_care_leaver_latest_contact"],
                             codes=["clea_care_leaver_eligibility", "clea_care_leaver_in_touch",
                                    "clea_care_leaver_accommodation", "clea_care_leaver_activity"],
                             flags=["clea_care_leaver_accom_suitable"], mandatory=["clea_care_leaver_eligibility"]),
    "ssd_professionals": dict(numbers=["prof_full_time_equivalency"], flags=["prof_agency_worker_flag"]),
    "ssd_involvements": dict(dates=["invo_involvement_start_date", "invo_involvement_end_date"],
                             pairs=[("invo_involvement_start_date", "invo_involvement_end_date")]),
    "hr_establishment": dict(numbers=["budgeted_fte", "vacancy_fte"]),
}

# part 2 (inspection tables), faulted after part 1 from a stream of their own (generate.py);
# `code_sets` are the code-set (_json) columns, `no_factors` the factor column that gets `21`
# beside other codes
INSPECTION_SPEC: dict[str, dict[str, Any]] = {
    "ssd_contacts": dict(dates=["cont_contact_date"], codes=["cont_contact_source_code"],
                         code_sets=["cont_contact_outcome_json"], mandatory=["cont_contact_date"],
                         future="cont_contact_date", born=("cont_person_id", "cont_contact_date")),
    "ssd_early_help_episodes": dict(dates=["earl_episode_start_date", "earl_episode_end_date"],
                                    pairs=[("earl_episode_start_date", "earl_episode_end_date")],
                                    mandatory=["earl_episode_start_date"], future="earl_episode_start_date"),
    "ssd_assessment_factors": dict(code_sets=["cinf_assessment_factors_json"], no_factors="cinf_assessment_factors_json",
                                   refs=[("cinf_assessment_id", "ssd_cin_assessments")]),
    "ssd_cp_reviews": dict(dates=["cppr_cp_review_date", "cppr_cp_review_due"], flags=["cppr_cp_review_quorate"],
                           codes=["cppr_cp_review_participation"], future="cppr_cp_review_date",
                           born=("cppr_person_id", "cppr_cp_review_date")),
    "ssd_cla_reviews": dict(dates=["clar_cla_review_date", "clar_cla_review_due_date"],
                            flags=["clar_cla_review_cancelled"], codes=["clar_cla_review_participation"],
                            refs=[("clar_cla_id", "ssd_cla_episodes")], future="clar_cla_review_date"),
    "ssd_missing": dict(dates=["miss_missing_episode_start_date", "miss_missing_episode_end_date",
                               "miss_missing_rhi_offered_date"],
                        pairs=[("miss_missing_episode_start_date", "miss_missing_episode_end_date")],
                        codes=["miss_missing_episode_type"], flags=["miss_missing_rhi_offered"],
                        mandatory=["miss_missing_episode_start_date"], future="miss_missing_episode_start_date",
                        born=("miss_person_id", "miss_missing_episode_start_date")),
    "ssd_immigration_status": dict(dates=["immi_immigration_status_start_date", "immi_immigration_status_end_date"],
                                   pairs=[("immi_immigration_status_start_date", "immi_immigration_status_end_date")],
                                   codes=["immi_immigration_status"], mandatory=["immi_immigration_status"]),
    "ssd_cla_care_plan": dict(dates=["lacp_cla_care_plan_start_date", "lacp_cla_care_plan_end_date"],
                              pairs=[("lacp_cla_care_plan_start_date", "lacp_cla_care_plan_end_date")],
                              code_sets=["lacp_cla_care_plan_json"], mandatory=["lacp_cla_care_plan_start_date"]),
    "ssd_disability": dict(codes=["disa_disability_code"], mandatory=["disa_disability_code"]),
    "ssd_permanence": dict(dates=["perm_adm_decision_date", "perm_placement_order_date", "perm_permanence_order_date"],
                           pairs=[("perm_adm_decision_date", "perm_permanence_order_date")],
                           codes=["perm_permanence_order_type"], mandatory=["perm_adm_decision_date"]),
    "case_audits": dict(dates=["audit_date"], codes=["grade"], mandatory=["audit_date"], future="audit_date"),
}
BAD_CODE_SETS = ['["1A","3B"', '{"NFA_FLAG": Y}', "[1A,3B]", '{"RETURNEV"}', "[[", '["ADOPTION",,]']

UNPARSEABLE = ["31/02/2021", "not a date", "2021-13-01", "30/02/2020", "00/00/0000", "2021-02-30"]
UNKNOWN_CODES = ["ZZ9", "99", "N99", "UNKNOWNCODE", "Q7"]
SYNONYMS = {
    "NEG": ["Neglect", "neglect"], "EMO": ["Emotional abuse", "Emotional"], "PHY": ["Physical abuse", "Physical"],
    "SAB": ["Sexual abuse", "Sexual"], "MUL": ["Multiple"], "FORMER_RELEVANT": ["Former Relevant", "former-relevant"],
    "RELEVANT": ["Relevant"], "ELIGIBLE": ["eligible"], "QUALIFYING": ["Qualifying"], "YES": ["Y", "yes"],
    "NO": ["N"], "DENTAL_CHECK": ["Dental", "Dental Assessment"], "HEALTH_ASSESSMENT": ["Health Assessment"],
    "COMPLETED": ["Complete", "completed"],
}
# valid variants of part 2's codes (the contract's synonyms), kept apart from part 1's so that
# part 1's faults draw exactly as before
INSPECTION_SYNONYMS = {
    "M": ["MISSING", "Missing"], "A": ["AWAY", "Absent"],
    "UASC": ["Unaccompanied Asylum Seeking Child", "UNACCOMPANIED_ASYLUM_SEEKER"],
    "ILR": ["Indefinite Leave to Remain in the UK (ILR)"], "GOOD": ["Good", "2"], "OUTSTANDING": ["1"],
    "REQUIRES_IMPROVEMENT": ["RI", "Requires improvement to be good"], "INADEQUATE": ["Inadequate", "4"],
}
YN = {"Y": ["Yes", "yes", "1", "true", "TRUE", "y"], "N": ["No", "no", "0", "false", "FALSE", "n"]}


class _Table:
    def __init__(self, name: str, cols: dict[str, pa.Array]) -> None:
        self.name = name
        self.cols = {c: np.asarray(a.to_numpy(zero_copy_only=False), dtype=object) for c, a in cols.items()}
        self.n = len(next(iter(self.cols.values()))) if self.cols else 0
        self.touched: set[tuple[int, str]] = set()

    def append_copy(self, row: int) -> int:
        for c, v in self.cols.items():
            self.cols[c] = np.append(v, v[row])
        self.n += 1
        return self.n - 1


def _end_not_before_start(start: Any, end: Any) -> bool:
    """Whether two written dates, both ISO (YYYY-MM-DD...), have the end on or after the start."""
    try:
        return dt.date.fromisoformat(str(end)[:10]) >= dt.date.fromisoformat(str(start)[:10])
    except ValueError:  # not both ISO dates (blanked, unreadable or DD/MM/YYYY): judged as written
        return False


def _pick(rng: np.random.Generator, t: _Table, col: str, rate: float, cond=None) -> list[int]:
    """Rows (without an earlier change in `col`) that get a fault; at least one when possible."""
    v = t.cols[col]
    ok = np.array([(r, col) not in t.touched for r in range(t.n)], dtype=bool) if t.touched else np.ones(t.n, bool)
    if cond is not None:
        ok &= cond(v)
    cand = np.flatnonzero(ok)
    if len(cand) == 0:
        return []
    k = min(len(cand), max(1, int(round(rate * t.n))))
    return sorted(int(x) for x in rng.choice(cand, size=k, replace=False))


def _not_null(v: np.ndarray) -> np.ndarray:
    return np.array([x is not None for x in v], dtype=bool)


def _shift(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def _is_iso_date(value: Any) -> bool:
    try:
        return isinstance(value, str) and len(value) == 10 and dt.date.fromisoformat(value) is not None
    except ValueError:
        return False


def inject_faults(rng: np.random.Generator, prof: dict[str, Any], tables: dict[str, dict[str, pa.Array]],
                  extract_day: int, spec_of: dict[str, dict[str, Any]] | None = None,
                  person_dob_faults: bool = True) -> tuple[dict[str, dict[str, pa.Array]], list[list[str]]]:
    """Faults in the tables of `spec_of` (default: part 1's SPEC); `tables` must hold
    ssd_person (dates of birth for before-birth faults). `person_dob_faults`: blank a few
    dates of birth at the end (part 1 only)."""
    spec_of = SPEC if spec_of is None else spec_of
    synonyms = SYNONYMS if spec_of is SPEC else INSPECTION_SYNONYMS
    rates = prof["dirty"]["rates"]
    extract = from_day(extract_day)
    work = {name: _Table(name, cols) for name, cols in tables.items()}
    persons = work["ssd_person"]
    dob = {p: d for p, d in zip(persons.cols["pers_person_id"], persons.cols["pers_dob"]) if _is_iso_date(d)}
    existing_ids = {name: set(t.cols[ID_COLUMN[name]]) for name, t in work.items()}
    faults: list[tuple[str, int, str, str, str]] = []  # table, row, kind, field, value

    def set_(t: _Table, row: int, col: str, value: Any, kind: str) -> None:
        t.cols[col][row] = value
        t.touched.add((row, col))
        faults.append((t.name, row, kind, col, "" if value is None else str(value)))

    # missing dobs would hide before-birth faults, so persons go last among mandatory blanks
    for name, spec in spec_of.items():
        t = work[name]
        if t.n == 0:
            continue
        idc = ID_COLUMN[name]
        # duplicate ids (an exact copy of a row, later in the file)
        for r in _pick(rng, t, idc, rates["duplicate_id"]):
            new = t.append_copy(r)
            t.touched.add((new, idc))
            faults.append((name, new, "duplicate_id", idc, str(t.cols[idc][new])))
        for start, end in spec.get("pairs", []):
            for r in _pick(rng, t, end, rates["end_before_start"], cond=lambda v, s=start: _not_null(v) & _not_null(t.cols[s])):
                set_(t, r, end, _shift(t.cols[start][r], -int(rng.integers(1, 60))), "end_before_start")
        if "future" in spec:
            col = spec["future"]
            for r in _pick(rng, t, col, rates["future_date"], cond=_not_null):
                set_(t, r, col, (extract + dt.timedelta(days=int(rng.integers(30, 800)))).isoformat(), "future_date")
        if "born" in spec:
            pcol, col = spec["born"]
            has_dob = np.array([dob.get(p) is not None for p in t.cols[pcol]], dtype=bool)
            for r in _pick(rng, t, col, rates["before_birth"], cond=lambda v: _not_null(v) & has_dob):
                set_(t, r, col, _shift(dob[t.cols[pcol][r]], -int(rng.integers(30, 400))), "before_birth")
        for col in spec.get("dates", []):
            for r in _pick(rng, t, col, rates["unparseable_date"], cond=_not_null):
                set_(t, r, col, UNPARSEABLE[int(rng.integers(0, len(UNPARSEABLE)))], "unparseable_date")
            for r in _pick(rng, t, col, rates["ddmmyyyy_date"], cond=_not_null):
                d = dt.date.fromisoformat(t.cols[col][r])
                if rng.random() < 0.7:
                    set_(t, r, col, d.strftime("%d/%m/%Y"), "ddmmyyyy_date")
                else:
                    set_(t, r, col, d.isoformat() + ("T00:00:00" if rng.random() < 0.5 else " 09:30"), "datetime_variant")
        for col in spec.get("codes", []):
            for r in _pick(rng, t, col, rates["unknown_code"], cond=_not_null):
                set_(t, r, col, UNKNOWN_CODES[int(rng.integers(0, len(UNKNOWN_CODES)))], "unknown_code")
            syn_ok = lambda v: np.array([x in synonyms for x in v], dtype=bool)  # noqa: E731
            for r in _pick(rng, t, col, rates["code_synonym"], cond=syn_ok):
                opts = synonyms[t.cols[col][r]]
                set_(t, r, col, opts[int(rng.integers(0, len(opts)))], "code_synonym")
            for r in _pick(rng, t, col, rates["stray_whitespace"], cond=_not_null):
                set_(t, r, col, f"  {t.cols[col][r]} ", "stray_whitespace")
        for col in spec.get("flags", []):
            yn_ok = lambda v: np.array([x in YN for x in v], dtype=bool)  # noqa: E731
            for r in _pick(rng, t, col, rates["yn_variant"], cond=yn_ok):
                opts = YN[t.cols[col][r]]
                set_(t, r, col, opts[int(rng.integers(0, len(opts)))], "yn_variant")
        for col in spec.get("code_sets", []):
            for r in _pick(rng, t, col, rates["unparseable_date"], cond=_not_null):
                set_(t, r, col, BAD_CODE_SETS[int(rng.integers(0, len(BAD_CODE_SETS)))], "unparseable_code_set")
        if "no_factors" in spec:
            col = spec["no_factors"]
            array_ok = lambda v: np.array([x is not None and x.startswith('["') and '"21"' not in x  # noqa: E731
                                           for x in v], dtype=bool)
            for r in _pick(rng, t, col, rates["unknown_code"], cond=array_ok):
                set_(t, r, col, t.cols[col][r][:-1] + ',"21"]', "no_factors_with_others")
        for col, target in spec.get("refs", []):
            for r in _pick(rng, t, col, rates["orphan_reference"], cond=_not_null):
                value = f"9{int(rng.integers(10**10, 10**11))}"
                while value in existing_ids.get(target, ()):
                    value = f"9{int(rng.integers(10**10, 10**11))}"
                set_(t, r, col, value, "orphan_reference")
        for col in spec.get("mandatory", []):
            if name == "ssd_person":
                continue
            for r in _pick(rng, t, col, rates["missing_mandatory"], cond=_not_null):
                set_(t, r, col, None, "missing_mandatory")
        for col in spec.get("numbers", []):
            for r in _pick(rng, t, col, rates["bad_number"], cond=_not_null):
                bad = ["n/a", "one", t.cols[col][r].replace(".", ",") if "." in t.cols[col][r] else "?"]
                set_(t, r, col, bad[int(rng.integers(0, len(bad)))], "bad_number")
        if "overlap" in spec:
            pcol, scol, ecol = spec["overlap"]
            ok = lambda v: np.array([x is not None and len(x) == 10 for x in v], dtype=bool)  # noqa: E731
            for r in _pick(rng, t, scol, rates["overlapping_plan"], cond=ok):
                new = t.append_copy(r)
                new_id = str(int(max(int(x) for x in t.cols[idc][: t.n - 1] if x and x.strip().isdigit())) + 1)
                t.cols[idc][new] = new_id
                t.cols[scol][new] = _shift(t.cols[scol][r], int(rng.integers(1, 20)))
                end = t.cols[ecol][r]
                if end is not None and len(end) == 10 and end <= t.cols[scol][new]:
                    t.cols[ecol][new] = _shift(t.cols[scol][new], 30)
                t.touched.update({(new, c) for c in t.cols})
                faults.append((name, new, "overlapping_plan", scol, t.cols[scol][new]))
        # optional nulls written as the text NULL (valid)
        opt_null = [c for c in (LANDING_COLUMNS.get(name) or ALL_COLUMNS[name])[1:] if any(v is None for v in t.cols[c][: min(t.n, 2000)])]
        for col in opt_null[:2]:
            for r in _pick(rng, t, col, rates["null_text"], cond=lambda v: np.array([x is None for x in v], dtype=bool)):
                set_(t, r, col, "NULL" if rng.random() < 0.5 else "null", "null_text")
    # persons: a few missing dates of birth (after every before-birth fault used them)
    for r in _pick(rng, persons, "pers_dob", rates["missing_mandatory"], cond=_not_null) if person_dob_faults else []:
        set_(persons, r, "pers_dob", None, "missing_mandatory")

    pair_start = {(name, end): start for name, spec in spec_of.items() for start, end in spec.get("pairs", [])}
    manifest: list[list[str]] = []
    for name, row, kind, field, value in faults:
        t = work[name]
        idc = ID_COLUMN[name]
        real = kind not in VALID_KINDS
        if kind == "end_before_start" and _end_not_before_start(t.cols[pair_start[(name, field)]][row], t.cols[field][row]):
            real = False  # a later fault re-dated the start (e.g. before birth): the end is no longer before it
        manifest.append([name, str(row + 1), idc, str(t.cols[idc][row]).strip(), kind, field, value,
                         "Y" if real else "N"])
    out = {name: {c: pa.array(v, type=pa.string()) for c, v in t.cols.items()} for name, t in work.items()}
    return out, manifest
