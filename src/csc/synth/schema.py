"""Landing files and their columns, exactly as the landing contract names them."""

from __future__ import annotations

LANDING_COLUMNS: dict[str, list[str]] = {
    "ssd_person": ["pers_person_id", "pers_sex", "pers_ethnicity", "pers_dob", "pers_death_date",
                   "pers_forename", "pers_surname", "pers_common_child_id"],
    "ssd_cin_episodes": ["cine_referral_id", "cine_person_id", "cine_referral_date",
                         "cine_cin_primary_need_code", "cine_referral_source_code", "cine_referral_nfa",
                         "cine_close_reason", "cine_close_date", "cine_referral_team", "cine_referral_worker_id"],
    "ssd_cin_assessments": ["cina_assessment_id", "cina_person_id", "cina_referral_id",
                            "cina_assessment_start_date", "cina_assessment_child_seen",
                            "cina_assessment_auth_date", "cina_assessment_outcome_nfa",
                            "cina_assessment_team", "cina_assessment_worker_id"],
    "ssd_cin_plans": ["cinp_cin_plan_id", "cinp_referral_id", "cinp_person_id", "cinp_cin_plan_start_date",
                      "cinp_cin_plan_end_date", "cinp_cin_plan_team", "cinp_cin_plan_worker_id"],
    "ssd_cin_visits": ["cinv_cin_visit_id", "cinv_person_id", "cinv_cin_visit_date", "cinv_cin_visit_seen",
                       "cinv_cin_visit_seen_alone", "cinv_cin_visit_bedroom"],
    "ssd_s47_enquiry": ["s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id", "s47e_s47_start_date",
                        "s47e_s47_end_date", "s47e_s47_nfa", "s47e_s47_completed_by_team",
                        "s47e_s47_completed_by_worker_id"],
    "ssd_initial_cp_conference": ["icpc_icpc_id", "icpc_s47_enquiry_id", "icpc_person_id", "icpc_cp_plan_id",
                                  "icpc_referral_id", "icpc_icpc_transfer_in", "icpc_icpc_target_date",
                                  "icpc_icpc_date", "icpc_icpc_outcome_cp_flag", "icpc_icpc_team",
                                  "icpc_icpc_worker_id"],
    "ssd_cp_plans": ["cppl_cp_plan_id", "cppl_referral_id", "cppl_icpc_id", "cppl_person_id",
                     "cppl_cp_plan_start_date", "cppl_cp_plan_end_date", "cppl_cp_plan_initial_category",
                     "cppl_cp_plan_latest_category"],
    "ssd_cp_visits": ["cppv_cp_visit_id", "cppv_person_id", "cppv_cp_plan_id", "cppv_cp_visit_date",
                      "cppv_cp_visit_seen", "cppv_cp_visit_seen_alone"],
    "ssd_cla_episodes": ["clae_cla_episode_id", "clae_person_id", "clae_cla_episode_start_date",
                         "clae_cla_episode_start_reason", "clae_cla_primary_need_code",
                         "clae_cla_episode_ceased_date", "clae_cla_episode_ceased_reason", "clae_cla_id",
                         "clae_referral_id", "clae_cla_placement_id", "clae_entered_care_date"],
    "ssd_legal_status": ["lega_legal_status_id", "lega_person_id", "lega_legal_status",
                         "lega_legal_status_start_date", "lega_legal_status_end_date"],
    "ssd_cla_placement": ["clap_cla_placement_id", "clap_cla_id", "clap_person_id",
                          "clap_cla_placement_start_date", "clap_cla_placement_end_date",
                          "clap_cla_placement_type", "clap_cla_placement_provider", "clap_cla_placement_urn",
                          "clap_cla_placement_postcode", "clap_cla_placement_distance",
                          "clap_cla_placement_change_reason"],
    "ssd_cla_visits": ["clav_cla_visit_id", "clav_cla_id", "clav_person_id", "clav_cla_visit_date",
                       "clav_cla_visit_seen", "clav_cla_visit_seen_alone"],
    "ssd_cla_health": ["clah_health_check_id", "clah_person_id", "clah_health_check_type",
                       "clah_health_check_date", "clah_health_check_status"],
    "ssd_care_leavers": ["clea_table_id", "clea_person_id", "extract_date", "clea_care_leaver_eligibility",
                         "clea_care_leaver_in_touch", "clea_care_leaver_latest_contact",
                         "clea_care_leaver_accommodation", "clea_care_leaver_accom_suitable",
                         "clea_care_leaver_activity", "clea_pathway_plan_review_date",
                         "clea_care_leaver_personal_advisor", "clea_care_leaver_allocated_team",
                         "clea_care_leaver_worker_id"],
    "ssd_professionals": ["prof_professional_id", "prof_staff_id", "prof_professional_name",
                          "prof_professional_job_title", "prof_professional_department",
                          "prof_full_time_equivalency", "prof_agency_worker_flag", "prof_professional_caseload"],
    "ssd_involvements": ["invo_involvements_id", "invo_professional_id", "invo_professional_role_id",
                         "invo_professional_team", "invo_involvement_start_date", "invo_involvement_end_date",
                         "invo_worker_change_reason", "invo_person_id", "invo_referral_id"],
    "ssd_department": ["dept_team_id", "dept_team_name", "dept_team_parent_id", "dept_team_parent_name"],
    "extract_manifest": ["la_code", "la_name", "extract_date", "child_population"],
    "team_structure": ["team_id", "locality", "service"],
    "hr_establishment": ["as_at_date", "role", "team_id", "budgeted_fte", "permanent_fte", "fixed_term_fte",
                         "agency_fte", "vacancy_fte"],
}

# Part 2 of the landing contract (inspection tables): optional files, written unless the
# generator is asked for part 1 only (`csc synth --landing-part 1`).
INSPECTION_COLUMNS: dict[str, list[str]] = {
    "ssd_contacts": ["cont_contact_id", "cont_person_id", "cont_contact_date", "cont_contact_source_code",
                     "cont_contact_source_desc", "cont_contact_outcome_json"],
    "ssd_early_help_episodes": ["earl_episode_id", "earl_person_id", "earl_episode_start_date",
                                "earl_episode_end_date", "earl_episode_reason", "earl_episode_end_reason",
                                "earl_episode_organisation", "earl_episode_worker_id", "earl_episode_team"],
    "ssd_assessment_factors": ["cinf_table_id", "cinf_assessment_id", "cinf_assessment_factors_json"],
    "ssd_cp_reviews": ["cppr_cp_review_id", "cppr_person_id", "cppr_cp_plan_id", "cppr_cp_review_due",
                       "cppr_cp_review_date", "cppr_cp_review_meeting_id", "cppr_cp_review_outcome_continue_cp",
                       "cppr_cp_review_quorate", "cppr_cp_review_participation"],
    "ssd_cla_reviews": ["clar_cla_review_id", "clar_cla_id", "clar_cla_person_id", "clar_cla_review_due_date",
                        "clar_cla_review_date", "clar_cla_review_cancelled", "clar_cla_review_participation"],
    "ssd_missing": ["miss_table_id", "miss_person_id", "miss_missing_episode_start_date",
                    "miss_missing_episode_type", "miss_missing_episode_end_date", "miss_missing_rhi_offered",
                    "miss_missing_rhi_accepted", "miss_missing_rhi_offered_date", "miss_missing_rhi_date"],
    "ssd_immigration_status": ["immi_immigration_status_id", "immi_person_id", "immi_immigration_status",
                               "immi_immigration_status_start_date", "immi_immigration_status_end_date"],
    "ssd_cla_care_plan": ["lacp_table_id", "lacp_person_id", "lacp_cla_care_plan_start_date",
                          "lacp_cla_care_plan_end_date", "lacp_cla_care_plan_json"],
    "ssd_disability": ["disa_table_id", "disa_person_id", "disa_disability_code"],
    "ssd_permanence": ["perm_table_id", "perm_person_id", "perm_cla_id", "perm_adm_decision_date",
                       "perm_ffa_cp_decision_date", "perm_placement_order_date", "perm_matched_date",
                       "perm_placed_for_adoption_date", "perm_placed_ffa_cp_date", "perm_permanence_order_date",
                       "perm_permanence_order_type", "perm_decision_reversed_date",
                       "perm_decision_reversed_reason", "perm_adopted_by_carer_flag"],
    "case_audits": ["audit_id", "person_id", "audit_date", "audit_theme", "grade", "team_id", "auditor_role",
                    "audit_activity"],
    "annex_a_adopters": ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
                         "Is the (prospective) adopter fostering for adoption?", "Date enquiry received",
                         "Date Stage 1 started", "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended",
                         "Date application submitted", "Date application approved",
                         "Date adopter matched with child(ren)", "Date child/children placed with adopter(s)",
                         "No. of children placed", "Date of Adoption Order", "Date of leaving adoption process",
                         "Reason for leaving adoption process"],
}

# Part 2's optional columns on part-1 tables, appended after the part-1 columns
EXTRA_COLUMNS: dict[str, list[str]] = {
    "ssd_person": ["pers_expected_dob"],
    "ssd_cla_episodes": ["clae_cla_last_iro_contact_date"],
    "ssd_cp_plans": ["cppl_cp_plan_ola"],
    "ssd_cla_placement": ["clap_cla_placement_la"],
}

LANDING_PARTS = ("1", "all")


def landing_columns(part: str = "all") -> dict[str, list[str]]:
    """The files and columns the generator writes: part 1 (landing.md) alone, or all of them."""
    if part not in LANDING_PARTS:
        raise ValueError(f"landing part must be one of {LANDING_PARTS}, not {part!r}")
    if part == "1":
        return dict(LANDING_COLUMNS)
    out = {name: cols + EXTRA_COLUMNS.get(name, []) for name, cols in LANDING_COLUMNS.items()}
    out.update(INSPECTION_COLUMNS)
    return out


ALL_COLUMNS = landing_columns("all")

# the id column of each table (first column), used by the dirty-mode manifest
ID_COLUMN = {t: cols[0] for t, cols in ALL_COLUMNS.items()}
ID_COLUMN["team_structure"] = "team_id"

# numeric id ranges: area * AREA_ID_SPAN + TABLE_ID_OFFSET[table] + local index + 1
AREA_ID_SPAN = 10**9
TABLE_ID_OFFSET = {
    "person": 10**7, "referral": 2 * 10**7, "assessment": 3 * 10**7, "cin_plan": 4 * 10**7,
    "cin_visit": 5 * 10**7, "s47": 6 * 10**7, "icpc": 7 * 10**7, "cp_plan": 8 * 10**7,
    "cp_visit": 9 * 10**7, "cla_episode": 10 * 10**7, "cla_period": 11 * 10**7, "legal": 12 * 10**7,
    "placement": 13 * 10**7, "cla_visit": 14 * 10**7, "health": 15 * 10**7, "care_leaver": 16 * 10**7,
    "professional": 17 * 10**7, "involvement": 18 * 10**7,
    # part 2 (inspection tables)
    "contact": 19 * 10**7, "early_help": 20 * 10**7, "factor": 21 * 10**7, "cp_review": 22 * 10**7,
    "cla_review": 23 * 10**7, "missing": 24 * 10**7, "immigration": 25 * 10**7, "care_plan": 26 * 10**7,
    "disability": 27 * 10**7, "permanence": 28 * 10**7, "audit": 29 * 10**7, "adopter": 30 * 10**7,
    "adopter_family": 31 * 10**7, "legal_order": 32 * 10**7,
}
