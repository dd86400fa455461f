{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Findings of the landing contract's own checks (landing.md), one row per record, field
    and rule, on the rows staging kept (the quarantine covers the others):
    - csc_unparseable_date / csc_unrecognised_flag / csc_unparseable_number: a value staging
      could not read (the staged field is null; from staging's parse_errors);
    - unknown codes (is_known_* false): cin_8640, cin_8650, ssda903_143 and ssda903_149, which
      flag what the DfE rule of the code list flags, else a csc_unknown_<list> rule or
      csc_unknown_code (the dq_rules seed says how each differs from the DfE rule);
    - csc_missing_value: a mandatory field left blank;
    - csc_date_after_extract: a date after the extract date (a date of birth included);
    - csc_orphan_reference: an id that points at no record of the table it refers to (for a
      person id the value is left blank: outside staging a child is named by child_key only);
    - part 2 (landing-inspection.md): code sets, CLA reviews without a child, csc_end_before_start
      of the part-2 tables with an end date, csc_order_before_adm_decision, ungraded audits.
    Each rule is described in the dq_rules seed. A record is named by record_id (its own id;
    null for ssd_person, whose id is the person id), child_key and landing_row_number. The
    value of an identifying field (identifying_fields: person ids, date of birth, names...)
    is never copied into value or message.
#}
{%- set identifying = identifying_fields() %}
{%- set keys = {} %}
{%- for t in landing_table_keys() %}{% do keys.update({t.table: t}) %}{% endfor %}

{#- landing columns staging parses, per table (their landing_type in the source YAML), to
    classify parse_errors entries; while dbt parses, the types are not known yet and every
    table is listed, so that each staging model read below is a declared dependency -#}
{%- set parsed = {} %}
{%- for t in landing_table_keys() %}
{%- set types = landing_column_types(t.source, t.table) %}
{%- if not execute or types.dates or types.flags or types.numbers %}{% do parsed.update({t.table: types}) %}{% endif %}
{%- endfor %}

{#- (rule, table, staged code column, is_known column, landing field) -#}
{%- set unknown_codes = [
    ('csc_unknown_referral_source', 'ssd_cin_episodes', 'referral_source_code', 'is_known_referral_source', 'cine_referral_source_code'),
    ('cin_8650', 'ssd_cin_episodes', 'primary_need_code', 'is_known_primary_need', 'cine_cin_primary_need_code'),
    ('cin_8640', 'ssd_cin_episodes', 'close_reason_code', 'is_known_close_reason', 'cine_close_reason'),
    ('csc_unknown_abuse_category', 'ssd_cp_plans', 'initial_category_code', 'is_known_initial_category', 'cppl_cp_plan_initial_category'),
    ('csc_unknown_abuse_category', 'ssd_cp_plans', 'latest_category_code', 'is_known_latest_category', 'cppl_cp_plan_latest_category'),
    ('ssda903_143', 'ssd_cla_episodes', 'start_reason_code', 'is_known_start_reason', 'clae_cla_episode_start_reason'),
    ('csc_unknown_category_of_need', 'ssd_cla_episodes', 'primary_need_code', 'is_known_primary_need', 'clae_cla_primary_need_code'),
    ('ssda903_149', 'ssd_cla_episodes', 'ceased_reason_code', 'is_known_ceased_reason', 'clae_cla_episode_ceased_reason'),
    ('csc_unknown_legal_status', 'ssd_legal_status', 'legal_status_code', 'is_known_legal_status', 'lega_legal_status'),
    ('csc_unknown_placement_type', 'ssd_cla_placement', 'placement_type_code', 'is_known_placement_type', 'clap_cla_placement_type'),
    ('csc_unknown_placement_change_reason', 'ssd_cla_placement', 'change_reason_code', 'is_known_change_reason', 'clap_cla_placement_change_reason'),
    ('csc_unknown_code', 'ssd_cla_health', 'health_check_type_code', 'is_known_health_check_type', 'clah_health_check_type'),
    ('csc_unknown_code', 'ssd_cla_health', 'health_check_status_code', 'is_known_health_check_status', 'clah_health_check_status'),
    ('csc_unknown_code', 'ssd_care_leavers', 'eligibility_code', 'is_known_eligibility', 'clea_care_leaver_eligibility'),
    ('csc_unknown_in_touch', 'ssd_care_leavers', 'in_touch_code', 'is_known_in_touch', 'clea_care_leaver_in_touch'),
    ('csc_unknown_care_leaver_accommodation', 'ssd_care_leavers', 'accommodation_code', 'is_known_accommodation', 'clea_care_leaver_accommodation'),
    ('csc_unknown_care_leaver_activity', 'ssd_care_leavers', 'activity_code', 'is_known_activity', 'clea_care_leaver_activity'),
    ('csc_unknown_referral_source', 'ssd_contacts', 'contact_source_code', 'is_known_contact_source', 'cont_contact_source_code'),
    ('csc_unknown_code', 'ssd_cp_reviews', 'participation_code', 'is_known_participation', 'cppr_cp_review_participation'),
    ('csc_unknown_code', 'ssd_cla_reviews', 'participation_code', 'is_known_participation', 'clar_cla_review_participation'),
    ('csc_unknown_code', 'ssd_missing', 'missing_episode_type_code', 'is_known_missing_episode_type', 'miss_missing_episode_type'),
    ('csc_unknown_code', 'ssd_missing', 'rhi_offered_code', 'is_known_rhi_offered', 'miss_missing_rhi_offered'),
    ('csc_unknown_code', 'ssd_missing', 'rhi_accepted_code', 'is_known_rhi_accepted', 'miss_missing_rhi_accepted'),
    ('csc_unknown_code', 'ssd_immigration_status', 'immigration_status_code', 'is_known_immigration_status', 'immi_immigration_status'),
    ('csc_unknown_code', 'ssd_disability', 'disability_code', 'is_known_disability', 'disa_disability_code'),
    ('csc_unknown_code', 'ssd_permanence', 'permanence_order_type_code', 'is_known_permanence_order_type', 'perm_permanence_order_type'),
    ('csc_unknown_code', 'ssd_permanence', 'decision_reversed_reason_code', 'is_known_decision_reversed_reason', 'perm_decision_reversed_reason'),
    ('csc_unknown_audit_grade', 'case_audits', 'grade_code', 'is_known_grade', 'grade'),
] %}

{#- (table, code-set model, record column, staged code column, is_known column, landing field): unknown
    codes of a code set, one finding per record and landing row listing them (the codes are kept,
    shown as unknown); an assessment's factors are named by the assessment id -#}
{%- set unknown_set_codes = [
    ('ssd_contacts', 'stg_ssd__contact_outcome_codes', 'contact_id', 'contact_outcome_code', 'is_known_contact_outcome', 'cont_contact_outcome_json'),
    ('ssd_assessment_factors', 'stg_ssd__assessment_factor_codes', 'assessment_id', 'assessment_factor_code', 'is_known_assessment_factor', 'cinf_assessment_factors_json'),
    ('ssd_cla_care_plan', 'stg_ssd__cla_care_plan_codes', 'cla_care_plan_id', 'permanence_plan_code', 'is_known_permanence_plan', 'lacp_cla_care_plan_json'),
] %}

{#- (table, readable column, landing field): code sets that could not be read -#}
{%- set unreadable_sets = [
    ('ssd_contacts', 'is_outcome_set_readable', 'cont_contact_outcome_json'),
    ('ssd_assessment_factors', 'is_factor_set_readable', 'cinf_assessment_factors_json'),
    ('ssd_cla_care_plan', 'is_plan_set_readable', 'lacp_cla_care_plan_json'),
] %}

{#- (table, staged column, landing field): mandatory values -#}
{%- set mandatory = [
    ('ssd_person', 'recorded_birth_date', 'pers_dob'),
    ('ssd_cin_episodes', 'person_id', 'cine_person_id'),
    ('ssd_cin_episodes', 'referral_date', 'cine_referral_date'),
    ('ssd_cin_episodes', 'referral_source_code', 'cine_referral_source_code'),
    ('ssd_cin_episodes', 'primary_need_code', 'cine_cin_primary_need_code'),
    ('ssd_cin_assessments', 'person_id', 'cina_person_id'),
    ('ssd_cin_assessments', 'assessment_start_date', 'cina_assessment_start_date'),
    ('ssd_cin_plans', 'person_id', 'cinp_person_id'),
    ('ssd_cin_plans', 'cin_plan_start_date', 'cinp_cin_plan_start_date'),
    ('ssd_cin_visits', 'person_id', 'cinv_person_id'),
    ('ssd_cin_visits', 'cin_visit_date', 'cinv_cin_visit_date'),
    ('ssd_s47_enquiry', 'person_id', 's47e_person_id'),
    ('ssd_s47_enquiry', 's47_start_date', 's47e_s47_start_date'),
    ('ssd_initial_cp_conference', 'person_id', 'icpc_person_id'),
    ('ssd_initial_cp_conference', 'icpc_date', 'icpc_icpc_date'),
    ('ssd_cp_plans', 'person_id', 'cppl_person_id'),
    ('ssd_cp_plans', 'cp_plan_start_date', 'cppl_cp_plan_start_date'),
    ('ssd_cp_visits', 'person_id', 'cppv_person_id'),
    ('ssd_cp_visits', 'cp_visit_date', 'cppv_cp_visit_date'),
    ('ssd_cla_episodes', 'person_id', 'clae_person_id'),
    ('ssd_cla_episodes', 'episode_start_date', 'clae_cla_episode_start_date'),
    ('ssd_legal_status', 'person_id', 'lega_person_id'),
    ('ssd_legal_status', 'legal_status_code', 'lega_legal_status'),
    ('ssd_legal_status', 'legal_status_start_date', 'lega_legal_status_start_date'),
    ('ssd_cla_placement', 'person_id', 'clap_person_id'),
    ('ssd_cla_placement', 'placement_start_date', 'clap_cla_placement_start_date'),
    ('ssd_cla_placement', 'placement_type_code', 'clap_cla_placement_type'),
    ('ssd_cla_visits', 'person_id', 'clav_person_id'),
    ('ssd_cla_visits', 'cla_visit_date', 'clav_cla_visit_date'),
    ('ssd_cla_health', 'person_id', 'clah_person_id'),
    ('ssd_cla_health', 'health_check_date', 'clah_health_check_date'),
    ('ssd_care_leavers', 'person_id', 'clea_person_id'),
    ('ssd_care_leavers', 'extract_date', 'extract_date'),
    ('ssd_care_leavers', 'eligibility_code', 'clea_care_leaver_eligibility'),
    ('ssd_involvements', 'involvement_start_date', 'invo_involvement_start_date'),
    ('extract_manifest', 'extract_date', 'extract_date'),
    ('extract_manifest', 'child_population', 'child_population'),
    ('ssd_contacts', 'person_id', 'cont_person_id'),
    ('ssd_contacts', 'contact_date', 'cont_contact_date'),
    ('ssd_early_help_episodes', 'person_id', 'earl_person_id'),
    ('ssd_early_help_episodes', 'early_help_start_date', 'earl_episode_start_date'),
    ('ssd_assessment_factors', 'assessment_id', 'cinf_assessment_id'),
    ('ssd_cp_reviews', 'person_id', 'cppr_person_id'),
    ('ssd_cla_reviews', 'cla_id', 'clar_cla_id'),
    ('ssd_missing', 'person_id', 'miss_person_id'),
    ('ssd_missing', 'missing_start_date', 'miss_missing_episode_start_date'),
    ('ssd_missing', 'missing_episode_type_code', 'miss_missing_episode_type'),
    ('ssd_immigration_status', 'person_id', 'immi_person_id'),
    ('ssd_immigration_status', 'immigration_status_code', 'immi_immigration_status'),
    ('ssd_cla_care_plan', 'person_id', 'lacp_person_id'),
    ('ssd_cla_care_plan', 'cla_care_plan_start_date', 'lacp_cla_care_plan_start_date'),
    ('ssd_disability', 'person_id', 'disa_person_id'),
    ('ssd_disability', 'disability_code', 'disa_disability_code'),
    ('ssd_permanence', 'person_id', 'perm_person_id'),
    ('ssd_permanence', 'adoption_decision_date', 'perm_adm_decision_date'),
    ('case_audits', 'person_id', 'person_id'),
    ('case_audits', 'audit_date', 'audit_date'),
    ('case_audits', 'audit_theme', 'audit_theme'),
] %}

{#- (rule, table, staged date column, landing field): dates that cannot be after the extract date -#}
{%- set not_future = [
    ('csc_date_after_extract', 'ssd_person', 'recorded_birth_date', 'pers_dob'),
    ('csc_date_after_extract', 'ssd_person', 'death_date', 'pers_death_date'),
    ('csc_date_after_extract', 'ssd_cin_episodes', 'referral_date', 'cine_referral_date'),
    ('csc_date_after_extract', 'ssd_cin_episodes', 'close_date', 'cine_close_date'),
    ('csc_date_after_extract', 'ssd_cin_assessments', 'assessment_start_date', 'cina_assessment_start_date'),
    ('csc_date_after_extract', 'ssd_cin_assessments', 'assessment_auth_date', 'cina_assessment_auth_date'),
    ('csc_date_after_extract', 'ssd_cin_plans', 'cin_plan_start_date', 'cinp_cin_plan_start_date'),
    ('csc_date_after_extract', 'ssd_cin_plans', 'cin_plan_end_date', 'cinp_cin_plan_end_date'),
    ('csc_date_after_extract', 'ssd_cin_visits', 'cin_visit_date', 'cinv_cin_visit_date'),
    ('csc_date_after_extract', 'ssd_s47_enquiry', 's47_start_date', 's47e_s47_start_date'),
    ('csc_date_after_extract', 'ssd_s47_enquiry', 's47_end_date', 's47e_s47_end_date'),
    ('csc_date_after_extract', 'ssd_initial_cp_conference', 'icpc_date', 'icpc_icpc_date'),
    ('csc_date_after_extract', 'ssd_cp_plans', 'cp_plan_start_date', 'cppl_cp_plan_start_date'),
    ('csc_date_after_extract', 'ssd_cp_plans', 'cp_plan_end_date', 'cppl_cp_plan_end_date'),
    ('csc_date_after_extract', 'ssd_cp_visits', 'cp_visit_date', 'cppv_cp_visit_date'),
    ('csc_date_after_extract', 'ssd_cla_episodes', 'episode_start_date', 'clae_cla_episode_start_date'),
    ('csc_date_after_extract', 'ssd_cla_episodes', 'episode_ceased_date', 'clae_cla_episode_ceased_date'),
    ('csc_date_after_extract', 'ssd_legal_status', 'legal_status_start_date', 'lega_legal_status_start_date'),
    ('csc_date_after_extract', 'ssd_cla_placement', 'placement_start_date', 'clap_cla_placement_start_date'),
    ('csc_date_after_extract', 'ssd_cla_visits', 'cla_visit_date', 'clav_cla_visit_date'),
    ('csc_date_after_extract', 'ssd_cla_health', 'health_check_date', 'clah_health_check_date'),
    ('csc_date_after_extract', 'ssd_care_leavers', 'latest_contact_date', 'clea_care_leaver_latest_contact'),
    ('csc_date_after_extract', 'ssd_contacts', 'contact_date', 'cont_contact_date'),
    ('csc_date_after_extract', 'ssd_early_help_episodes', 'early_help_start_date', 'earl_episode_start_date'),
    ('csc_date_after_extract', 'ssd_cp_reviews', 'cp_review_date', 'cppr_cp_review_date'),
    ('csc_date_after_extract', 'ssd_cla_reviews', 'cla_review_date', 'clar_cla_review_date'),
    ('csc_date_after_extract', 'ssd_missing', 'missing_start_date', 'miss_missing_episode_start_date'),
    ('csc_date_after_extract', 'case_audits', 'audit_date', 'audit_date'),
] %}

{#- (table, staged column, landing field, referenced table): ids that must exist -#}
{%- set references = [
    ('ssd_cin_episodes', 'person_id', 'cine_person_id', 'ssd_person'),
    ('ssd_cin_assessments', 'person_id', 'cina_person_id', 'ssd_person'),
    ('ssd_cin_assessments', 'referral_id', 'cina_referral_id', 'ssd_cin_episodes'),
    ('ssd_cin_plans', 'person_id', 'cinp_person_id', 'ssd_person'),
    ('ssd_cin_plans', 'referral_id', 'cinp_referral_id', 'ssd_cin_episodes'),
    ('ssd_cin_visits', 'person_id', 'cinv_person_id', 'ssd_person'),
    ('ssd_s47_enquiry', 'person_id', 's47e_person_id', 'ssd_person'),
    ('ssd_s47_enquiry', 'referral_id', 's47e_referral_id', 'ssd_cin_episodes'),
    ('ssd_initial_cp_conference', 'person_id', 'icpc_person_id', 'ssd_person'),
    ('ssd_initial_cp_conference', 's47_enquiry_id', 'icpc_s47_enquiry_id', 'ssd_s47_enquiry'),
    ('ssd_initial_cp_conference', 'referral_id', 'icpc_referral_id', 'ssd_cin_episodes'),
    ('ssd_cp_plans', 'person_id', 'cppl_person_id', 'ssd_person'),
    ('ssd_cp_plans', 'referral_id', 'cppl_referral_id', 'ssd_cin_episodes'),
    ('ssd_cp_plans', 'icpc_id', 'cppl_icpc_id', 'ssd_initial_cp_conference'),
    ('ssd_cp_visits', 'person_id', 'cppv_person_id', 'ssd_person'),
    ('ssd_cp_visits', 'cp_plan_id', 'cppv_cp_plan_id', 'ssd_cp_plans'),
    ('ssd_cla_episodes', 'person_id', 'clae_person_id', 'ssd_person'),
    ('ssd_legal_status', 'person_id', 'lega_person_id', 'ssd_person'),
    ('ssd_cla_placement', 'person_id', 'clap_person_id', 'ssd_person'),
    ('ssd_cla_visits', 'person_id', 'clav_person_id', 'ssd_person'),
    ('ssd_cla_health', 'person_id', 'clah_person_id', 'ssd_person'),
    ('ssd_care_leavers', 'person_id', 'clea_person_id', 'ssd_person'),
    ('ssd_involvements', 'person_id', 'invo_person_id', 'ssd_person'),
    ('ssd_involvements', 'professional_id', 'invo_professional_id', 'ssd_professionals'),
    ('ssd_contacts', 'person_id', 'cont_person_id', 'ssd_person'),
    ('ssd_early_help_episodes', 'person_id', 'earl_person_id', 'ssd_person'),
    ('ssd_assessment_factors', 'assessment_id', 'cinf_assessment_id', 'ssd_cin_assessments'),
    ('ssd_cp_reviews', 'person_id', 'cppr_person_id', 'ssd_person'),
    ('ssd_cla_reviews', 'person_id', 'clar_cla_person_id', 'ssd_person'),
    ('ssd_missing', 'person_id', 'miss_person_id', 'ssd_person'),
    ('ssd_immigration_status', 'person_id', 'immi_person_id', 'ssd_person'),
    ('ssd_cla_care_plan', 'person_id', 'lacp_person_id', 'ssd_person'),
    ('ssd_disability', 'person_id', 'disa_person_id', 'ssd_person'),
    ('ssd_permanence', 'person_id', 'perm_person_id', 'ssd_person'),
] %}

with extract_manifest as (
    select max(extract_date) as extract_date
    from {{ ref('stg_la__extract_manifests') }}
),

{%- for table, lists in parsed.items() %}

parse_{{ table }} as (
    select
        {{ dq_record_identity(keys[table]) }}
        parse_error
    from {{ ref(keys[table].model) }},
        {{ split_to_rows('parse_errors', "'; '") }} as split_errors (parse_error)
    where parse_errors is not null
),
{%- endfor %}

parse_findings as (
    {%- for table, lists in parsed.items() %}
    select
        case
            when split_part(parse_error, ': ', 1) in ('{{ (lists.dates + ['-']) | join("', '") }}') then 'csc_unparseable_date'
            when split_part(parse_error, ': ', 1) in ('{{ (lists.flags + ['-']) | join("', '") }}') then 'csc_unrecognised_flag'
            else 'csc_unparseable_number'
        end as rule_id,
        table_name,
        record_id,
        child_key,
        landing_row_number,
        split_part(parse_error, ': ', 1) as field,
        case
            when split_part(parse_error, ': ', 1) not in ('{{ identifying | join("', '") }}')
                then {{ regexp_group('parse_error', "': ''(.*)''$'", 1) }}
        end as value,
        case
            when split_part(parse_error, ': ', 1) in ('{{ identifying | join("', '") }}')
                then 'The value of ' || split_part(parse_error, ': ', 1) || ' cannot be read; it is treated as blank'
                    || ' (the value identifies the child and is not shown here: see row '
                    || cast(landing_row_number as {{ dbt.type_string() }}) || ' of the landing file)'
            else 'The value ''' || {{ regexp_group('parse_error', "': ''(.*)''$'", 1) }} || ''' of '
                || split_part(parse_error, ': ', 1) || ' cannot be read; it is treated as blank'
        end as message
    from parse_{{ table }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

unknown_code_findings as (
    {%- for rule, table, column, known, field in unknown_codes %}
    select
        '{{ rule }}' as rule_id,
        {{ dq_record_identity(keys[table]) }}
        '{{ field }}' as field,
        cast({{ column }} as {{ dbt.type_string() }}) as value,
        '''' || {{ column }} || ''' is not a code of the {{ field }} code list' as message
    from {{ ref(keys[table].model) }}
    where {{ known }} = false
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

missing_value_findings as (
    {%- for table, column, field in mandatory %}
    select
        'csc_missing_value' as rule_id,
        {{ dq_record_identity(keys[table]) }}
        '{{ field }}' as field,
        cast(null as {{ dbt.type_string() }}) as value,
        '{{ field }} is blank and is required' as message
    from {{ ref(keys[table].model) }}
    where {{ column }} is null
        and coalesce('; ' || parse_errors, '') not like '%; {{ field }}: %'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

future_date_findings as (
    {%- for rule, table, column, field in not_future %}
    select
        '{{ rule }}' as rule_id,
        {{ dq_record_identity(keys[table]) }}
        '{{ field }}' as field,
        {%- if field in identifying %}
        cast(null as {{ dbt.type_string() }}) as value,
        '{{ field }} is after the extract date ' || cast(extract_manifest.extract_date as {{ dbt.type_string() }})
        || ' (the date identifies the child and is not shown here: see row '
        || cast(staged.landing_row_number as {{ dbt.type_string() }}) || ' of the landing file)' as message
        {%- else %}
        cast(staged.{{ column }} as {{ dbt.type_string() }}) as value,
        '{{ field }} ' || cast(staged.{{ column }} as {{ dbt.type_string() }}) || ' is after the extract date '
        || cast(extract_manifest.extract_date as {{ dbt.type_string() }}) as message
        {%- endif %}
    from {{ ref(keys[table].model) }} as staged
    cross join extract_manifest
    where staged.{{ column }} > extract_manifest.extract_date
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

orphan_reference_findings as (
    {%- for table, column, field, target in references %}
    select
        'csc_orphan_reference' as rule_id,
        {{ dq_record_identity(keys[table]) }}
        '{{ field }}' as field,
        {%- if column == 'person_id' %}
        {#- a person id is not repeated outside staging: child_key identifies the child #}
        cast(null as {{ dbt.type_string() }}) as value,
        '{{ field }} is not an id of {{ target }} (the person id is not shown; use child_key)' as message
        {%- else %}
        cast(staged.{{ column }} as {{ dbt.type_string() }}) as value,
        '{{ field }} ' || staged.{{ column }} || ' is not an id of {{ target }}' as message
        {%- endif %}
    from {{ ref(keys[table].model) }} as staged
    where staged.{{ column }} is not null
        and not exists (
            select 1
            from {{ ref(keys[target].model) }} as target
            where target.{{ keys[target].staged_key }} = staged.{{ column }}
        )
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

unknown_set_code_findings as (
    {%- for table, model, record, column, known, field in unknown_set_codes %}
    select
        'csc_unknown_code' as rule_id,
        '{{ table }}' as table_name,
        {{ record }} as record_id,
        child_key,
        landing_row_number,
        '{{ field }}' as field,
        string_agg({{ column }}, ', ' order by {{ column }}) as value,
        '''' || string_agg({{ column }}, ''', ''' order by {{ column }}) || ''' not in the {{ field }} code list; kept, shown as unknown' as message
    from {{ ref(model) }}
    where {{ known }} = false
    group by {{ record }}, child_key, landing_row_number
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

unreadable_set_findings as (
    {%- for table, readable, field in unreadable_sets %}
    select
        'csc_unreadable_code_set' as rule_id,
        {{ dq_record_identity(keys[table]) }}
        '{{ field }}' as field,
        cast(null as {{ dbt.type_string() }}) as value,
        '{{ field }} starts with [ or { but is not a JSON array or object; read as no codes' as message
    from {{ ref(keys[table].model) }}
    where {{ readable }} = false
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

no_factors_with_others_findings as (
    select
        'csc_no_factors_code_with_others' as rule_id,
        {{ dq_record_identity(keys['ssd_assessment_factors']) }}
        'cinf_assessment_factors_json' as field,
        assessment_id as value,
        'Assessment ' || assessment_id || ' has code 21 (no factors identified) with other factors; 21 is dropped' as message
    from {{ ref('stg_ssd__assessment_factors') }}
    where has_no_factors_code_with_others
),

cla_review_person_findings as (
    select
        'csc_cla_review_person_unknown' as rule_id,
        {{ dq_record_identity(keys['ssd_cla_reviews']) }}
        'clar_cla_id' as field,
        cla_id as value,
        case person_source
            when 'cla_id_ambiguous' then 'clar_cla_id ' || cla_id || ' names episodes of more than one child and clar_cla_person_id is blank'
            else 'clar_cla_id ' || coalesce(cla_id, '(blank)') || ' is not a clae_cla_id of ssd_cla_episodes and clar_cla_person_id is blank'
        end || '; the review is not used' as message
    from {{ ref('stg_ssd__cla_reviews') }}
    where person_id is null
),

cla_review_episode_findings as (
    -- a review whose child is given (clar_cla_person_id) but whose clar_cla_id names no
    -- period of care; a blank person id is csc_cla_review_person_unknown's case instead
    select
        'csc_orphan_reference' as rule_id,
        {{ dq_record_identity(keys['ssd_cla_reviews'], 'reviews.') }}
        'clar_cla_id' as field,
        reviews.cla_id as value,
        'clar_cla_id ' || reviews.cla_id || ' is not a clae_cla_id of ssd_cla_episodes' as message
    from {{ ref('stg_ssd__cla_reviews') }} as reviews
    where reviews.person_source = 'supplied'
        and reviews.cla_id is not null
        and not exists (
            select 1
            from {{ ref('stg_ssd__cla_episodes') }} as episodes
            where episodes.cla_id = reviews.cla_id
        )
),

early_help_episodes as (select * from {{ ref('stg_ssd__early_help_episodes') }}),

missing_episodes as (select * from {{ ref('stg_ssd__missing_episodes') }}),

immigration_statuses as (select * from {{ ref('stg_ssd__immigration_statuses') }}),

cla_care_plans as (select * from {{ ref('stg_ssd__cla_care_plans') }}),

permanence as (select * from {{ ref('stg_ssd__permanence') }}),

end_before_start_findings as (
    {{ dq_end_before_start([
        ('ssd_early_help_episodes', 'early_help_episodes', 'early_help_start_date', 'early_help_end_date', 'earl_episode_end_date'),
        ('ssd_missing', 'missing_episodes', 'missing_start_date', 'missing_end_date', 'miss_missing_episode_end_date'),
        ('ssd_immigration_status', 'immigration_statuses', 'immigration_status_start_date', 'immigration_status_end_date', 'immi_immigration_status_end_date'),
        ('ssd_cla_care_plan', 'cla_care_plans', 'cla_care_plan_start_date', 'cla_care_plan_end_date', 'lacp_cla_care_plan_end_date'),
    ]) }}
),

-- a permanence order (adoption, SGO or CAO) dated before the ADM decision the row starts from
permanence_order_before_decision_findings as (
    {{ dq_record_findings([
        ('csc_order_before_adm_decision', 'ssd_permanence', 'permanence', 'perm_permanence_order_date', 'permanence_order_date', 'permanence_order_date < adoption_decision_date', "'The permanence order date ' || cast(permanence_order_date as " ~ dbt.type_string() ~ ") || ' is before the ADM decision date ' || cast(adoption_decision_date as " ~ dbt.type_string() ~ ")"),
    ]) }}
),

ungraded_audit_findings as (
    -- landing-inspection.md case_audits.csv: an audit with no grade is kept (in the audit
    -- count) and left out of the grade KPIs; a query, since audits can wait for moderation
    select
        'csc_ungraded_audit' as rule_id,
        {{ dq_record_identity(keys['case_audits']) }}
        'grade' as field,
        cast(null as {{ dbt.type_string() }}) as value,
        'The audit has no grade: it counts in case_audits and is left out of audit_good_or_better' as message
    from {{ ref(keys['case_audits'].model) }}
    where grade_code is null
        and coalesce('; ' || parse_errors, '') not like '%; grade: %'
),

final as (
    select * from parse_findings
    union all
    select * from unknown_code_findings
    union all
    select * from missing_value_findings
    union all
    select * from future_date_findings
    union all
    select * from orphan_reference_findings
    union all
    select * from unknown_set_code_findings
    union all
    select * from unreadable_set_findings
    union all
    select * from no_factors_with_others_findings
    union all
    select * from cla_review_person_findings
    union all
    select * from cla_review_episode_findings
    union all
    select * from end_before_start_findings
    union all
    select * from permanence_order_before_decision_findings
    union all
    select * from ungraded_audit_findings
)

select * from final
