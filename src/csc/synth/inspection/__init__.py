"""Part 2 of the landing folder: the tables inspections need (landing contract, part 2).

Everything here is drawn from the area's `inspection` stream (draws.stream), after the part-1
journeys are complete and from what they made, so the part-1 files are the same bytes with or
without part 2. The new rows follow the existing journeys: a contact before each referral,
factors at the end of each assessment, reviews on the CP and CLA schedules (some late),
missing episodes of children in care or in need, UASC statuses, care and permanence plans of
the periods of care, and monthly audits of open cases.
"""

from __future__ import annotations

import numpy as np

from csc.synth import formatting as F
from csc.synth.calendar import NA
from csc.synth.inspection.audits import adopters, case_audits
from csc.synth.inspection.care import (care_plans, disability, immigration, missing, permanence, placement_la,
                                       supervision_orders)
from csc.synth.inspection.context import Journeys, Tables
from csc.synth.inspection.front_door import assessment_factors, contacts, early_help
from csc.synth.inspection.reviews import cla_reviews, cp_reviews, last_iro_contact

__all__ = ["Journeys", "add_inspection_tables"]


def add_inspection_tables(rng: np.random.Generator, j: Journeys, tables: Tables, n_children: int) -> Tables:
    """Add part 2 to the area's tables in place: the new tables and the optional columns of
    part-1 tables (after the part-1 columns). Returns the rows to append to part-1 tables (the
    SO/ISO legal statuses), kept apart so that part 1's dirty-mode faults fall on the same rows."""
    prof = j.prof
    tables["ssd_contacts"] = contacts(rng, j)
    tables["ssd_early_help_episodes"] = early_help(rng, j)
    imm, uasc_refs = immigration(rng, j)
    tables["ssd_immigration_status"] = imm
    tables["ssd_assessment_factors"] = assessment_factors(rng, j, uasc_refs)
    tables["ssd_cp_reviews"] = cp_reviews(rng, j)
    cla, review_period, review_day = cla_reviews(rng, j)
    tables["ssd_cla_reviews"] = cla
    tables["ssd_missing"] = missing(rng, j)
    perm, decision = permanence(rng, j)
    tables["ssd_permanence"] = perm
    tables["ssd_cla_care_plan"] = care_plans(rng, j, decision)
    tables["ssd_disability"] = disability(rng, j)
    tables["case_audits"] = case_audits(rng, j, n_children)
    tables["annex_a_adopters"] = adopters(rng, j)
    # optional columns of part-1 tables
    cfg = prof["inspection"]
    dob = j.person["dob"]
    baby = np.zeros(len(dob), dtype=bool)
    young = j.eps["ref_date"] - dob[j.eps["child"]] <= cfg["expected_dob_max_age_days"]
    baby[j.eps["child"][young]] = True
    baby &= rng.random(len(dob)) < cfg["expected_dob_share"]
    tables["ssd_person"]["pers_expected_dob"] = F.dates(np.where(baby, dob + rng.integers(-14, 15, len(dob)), NA))
    tables["ssd_cla_episodes"]["clae_cla_last_iro_contact_date"] = last_iro_contact(rng, j, review_period, review_day)
    n_cp = len(j.cp_ref)
    ola = rng.random(n_cp) < cfg["cp_plan_ola_share"]
    tables["ssd_cp_plans"]["cppl_cp_plan_ola"] = F.text(np.where(ola, "Y", np.where(rng.random(n_cp) < 0.5, "N", None)))
    tables["ssd_cla_placement"]["clap_cla_placement_la"] = placement_la(rng, j)
    return {"ssd_legal_status": supervision_orders(rng, j)}
