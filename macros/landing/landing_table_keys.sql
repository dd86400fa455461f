{#
    The landing tables as the data-quality models see them: for each landing file, the
    staging model that reads it, the landing column of its primary key (null when the table
    has no key and every row is staged), the staged key column, and the landing column of the
    child (null when the table is not about a child). The data-quality quarantine and
    reconciliation loop over this list, so a new landing table is added here as well as in
    the source YAML.
#}
{% macro landing_table_keys() -%}
    {{ return([
        {'table': 'ssd_person', 'model': 'stg_ssd__persons', 'key': 'pers_person_id', 'staged_key': 'person_id', 'person': 'pers_person_id'},
        {'table': 'ssd_cin_episodes', 'model': 'stg_ssd__cin_episodes', 'key': 'cine_referral_id', 'staged_key': 'referral_id', 'person': 'cine_person_id'},
        {'table': 'ssd_cin_assessments', 'model': 'stg_ssd__cin_assessments', 'key': 'cina_assessment_id', 'staged_key': 'assessment_id', 'person': 'cina_person_id'},
        {'table': 'ssd_cin_plans', 'model': 'stg_ssd__cin_plans', 'key': 'cinp_cin_plan_id', 'staged_key': 'cin_plan_id', 'person': 'cinp_person_id'},
        {'table': 'ssd_cin_visits', 'model': 'stg_ssd__cin_visits', 'key': 'cinv_cin_visit_id', 'staged_key': 'cin_visit_id', 'person': 'cinv_person_id'},
        {'table': 'ssd_s47_enquiry', 'model': 'stg_ssd__s47_enquiries', 'key': 's47e_s47_enquiry_id', 'staged_key': 's47_enquiry_id', 'person': 's47e_person_id'},
        {'table': 'ssd_initial_cp_conference', 'model': 'stg_ssd__initial_cp_conferences', 'key': 'icpc_icpc_id', 'staged_key': 'icpc_id', 'person': 'icpc_person_id'},
        {'table': 'ssd_cp_plans', 'model': 'stg_ssd__cp_plans', 'key': 'cppl_cp_plan_id', 'staged_key': 'cp_plan_id', 'person': 'cppl_person_id'},
        {'table': 'ssd_cp_visits', 'model': 'stg_ssd__cp_visits', 'key': 'cppv_cp_visit_id', 'staged_key': 'cp_visit_id', 'person': 'cppv_person_id'},
        {'table': 'ssd_cla_episodes', 'model': 'stg_ssd__cla_episodes', 'key': 'clae_cla_episode_id', 'staged_key': 'cla_episode_id', 'person': 'clae_person_id'},
        {'table': 'ssd_legal_status', 'model': 'stg_ssd__legal_statuses', 'key': 'lega_legal_status_id', 'staged_key': 'legal_status_id', 'person': 'lega_person_id'},
        {'table': 'ssd_cla_placement', 'model': 'stg_ssd__cla_placements', 'key': 'clap_cla_placement_id', 'staged_key': 'cla_placement_id', 'person': 'clap_person_id'},
        {'table': 'ssd_cla_visits', 'model': 'stg_ssd__cla_visits', 'key': 'clav_cla_visit_id', 'staged_key': 'cla_visit_id', 'person': 'clav_person_id'},
        {'table': 'ssd_cla_health', 'model': 'stg_ssd__cla_health_checks', 'key': 'clah_health_check_id', 'staged_key': 'health_check_id', 'person': 'clah_person_id'},
        {'table': 'ssd_care_leavers', 'model': 'stg_ssd__care_leavers', 'key': 'clea_table_id', 'staged_key': 'care_leaver_row_id', 'person': 'clea_person_id'},
        {'table': 'ssd_professionals', 'model': 'stg_ssd__professionals', 'key': 'prof_professional_id', 'staged_key': 'professional_id', 'person': none},
        {'table': 'ssd_involvements', 'model': 'stg_ssd__involvements', 'key': 'invo_involvements_id', 'staged_key': 'involvement_id', 'person': 'invo_person_id'},
        {'table': 'ssd_department', 'model': 'stg_ssd__departments', 'key': 'dept_team_id', 'staged_key': 'team_id', 'person': none},
        {'table': 'extract_manifest', 'model': 'stg_la__extract_manifests', 'key': none, 'staged_key': none, 'person': none},
        {'table': 'team_structure', 'model': 'stg_la__team_structures', 'key': 'team_id', 'staged_key': 'team_id', 'person': none},
        {'table': 'hr_establishment', 'model': 'stg_la__hr_establishment', 'key': none, 'staged_key': none, 'person': none},
    ]) }}
{%- endmacro %}
