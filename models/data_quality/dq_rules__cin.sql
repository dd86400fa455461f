{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    CIN census rules (the DfE's CIN census validation rules, by their DfE numbers) and this project's own checks on
    the children-in-need tables, on the rows staging kept: dates out of order, dates before
    birth, overlapping or multiple open episodes and plans, CP plan start not equal to its
    ICPC date, assessment or s47 before its referral, closure date without reason, activity on
    an NFA referral, assessments and s47 enquiries open too long at the extract date.
    Rule ids that are DfE rules carry the DfE number (cin_8925); query rules end in Q.
    Each rule is described in the dq_rules seed.
#}
{%- set ethnicity_codes = ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH',
    'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'] %}

with persons as (
    select * from {{ ref('stg_ssd__persons') }}
),

referrals as (
    select * from {{ ref('stg_ssd__cin_episodes') }}
),

assessments as (
    select * from {{ ref('stg_ssd__cin_assessments') }}
),

cin_plans as (
    select * from {{ ref('stg_ssd__cin_plans') }}
),

cin_visits as (
    select * from {{ ref('stg_ssd__cin_visits') }}
),

s47_enquiries as (
    select * from {{ ref('stg_ssd__s47_enquiries') }}
),

icpcs as (
    select * from {{ ref('stg_ssd__initial_cp_conferences') }}
),

cp_plans as (
    select * from {{ ref('stg_ssd__cp_plans') }}
),

cp_visits as (
    select * from {{ ref('stg_ssd__cp_visits') }}
),

calendar as (
    select * from {{ ref('int_dates') }}
),

extract_manifest as (
    select max(extract_date) as extract_date
    from {{ ref('stg_la__extract_manifests') }}
),

-- persons ------------------------------------------------------------------------------

death_before_birth as (
    select
        'cin_8535Q' as rule_id,
        'ssd_person' as table_name,
        cast(null as varchar) as record_id,
        child_key,
        landing_row_number,
        'pers_death_date' as field,
        cast(death_date as varchar) as value,
        'Death date ' || cast(death_date as varchar) || ' is before the child''s date of birth' as message
    from persons
    where death_date < birth_date
),

unknown_sex as (
    select
        'csc_unknown_sex' as rule_id,
        'ssd_person' as table_name,
        cast(null as varchar) as record_id,
        child_key,
        landing_row_number,
        'pers_sex' as field,
        sex_code as value,
        'Sex ''' || coalesce(sex_code, '') || ''' is not M, F or U' as message
    from persons
    where sex_code is null
        or upper(sex_code) not in ('M', 'F', 'U')
),

unknown_ethnicity as (
    select
        'csc_unknown_ethnicity' as rule_id,
        'ssd_person' as table_name,
        cast(null as varchar) as record_id,
        child_key,
        landing_row_number,
        'pers_ethnicity' as field,
        ethnicity_code as value,
        'Ethnicity ''' || coalesce(ethnicity_code, '') || ''' is not a DfE ethnicity code' as message
    from persons
    where ethnicity_code is null
        or upper(ethnicity_code) not in ('{{ ethnicity_codes | join("', '") }}')
),

-- referrals (CIN episodes) -------------------------------------------------------------

closure_before_referral as (
    select
        'cin_8630' as rule_id,
        'ssd_cin_episodes' as table_name,
        referral_id as record_id,
        child_key,
        landing_row_number,
        'cine_close_date' as field,
        cast(close_date as varchar) as value,
        'Closure date ' || cast(close_date as varchar) || ' is before the referral date ' || cast(referral_date as varchar) as message
    from referrals
    where close_date < referral_date
),

closure_date_without_reason as (
    select
        'cin_8805' as rule_id,
        'ssd_cin_episodes' as table_name,
        referral_id as record_id,
        child_key,
        landing_row_number,
        'cine_close_reason' as field,
        cast(close_date as varchar) as value,
        'The episode has a closure date (' || cast(close_date as varchar) || ') but no reason for closure' as message
    from referrals
    where close_date is not null
        and close_reason_code is null
),

closure_reason_without_date as (
    select
        'cin_8810' as rule_id,
        'ssd_cin_episodes' as table_name,
        referral_id as record_id,
        child_key,
        landing_row_number,
        'cine_close_date' as field,
        close_reason_code as value,
        'The episode has a reason for closure (' || close_reason_code || ') but no closure date' as message
    from referrals
    where close_reason_code is not null
        and close_date is null
        and coalesce(parse_errors, '') not like '%cine_close_date: %'
),

referrals_with_birth as (
    select
        referrals.*,
        persons.birth_date
    from referrals
    inner join persons
        on referrals.person_id = persons.person_id
),

referral_long_before_birth as (
    select
        'cin_8606' as rule_id,
        'ssd_cin_episodes' as table_name,
        referral_id as record_id,
        child_key,
        landing_row_number,
        'cine_referral_date' as field,
        cast(referral_date as varchar) as value,
        'Referral date ' || cast(referral_date as varchar) || ' is more than 40 weeks before the child''s date of birth' as message
    from referrals_with_birth
    where referral_date < cast({{ dbt.dateadd('day', -280, 'birth_date') }} as date)
),

referrals_ordered as (
    select
        referral_id,
        child_key,
        landing_row_number,
        referral_date,
        close_date,
        max(close_date) over (
            partition by person_id
            order by referral_date, referral_id
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_close_date,
        count(case when close_date is null then 1 end) over (partition by person_id) as open_episodes,
        {{ current_record_rank(['person_id', 'close_date is null'], ['referral_date', 'referral_id']) }}
            as open_recency
    from referrals
    where referral_date is not null
        and person_id is not null
),

overlapping_cin_episodes as (
    select
        'cin_8820' as rule_id,
        'ssd_cin_episodes' as table_name,
        referral_id as record_id,
        child_key,
        landing_row_number,
        'cine_referral_date' as field,
        cast(referral_date as varchar) as value,
        'The episode starts on ' || cast(referral_date as varchar) || ', before an earlier episode of the child closed ('
        || cast(latest_earlier_close_date as varchar) || ')' as message
    from referrals_ordered
    where referral_date < latest_earlier_close_date
),

multiple_open_cin_episodes as (
    select
        'cin_8815' as rule_id,
        'ssd_cin_episodes' as table_name,
        referral_id as record_id,
        child_key,
        landing_row_number,
        'cine_close_date' as field,
        cast(referral_date as varchar) as value,
        'The child has ' || cast(open_episodes as varchar) || ' open CIN episodes; only the latest may be open' as message
    from referrals_ordered
    where close_date is null
        and open_episodes > 1
        and open_recency > 1
),

nfa_activity as (
    select
        referral_id,
        'an assessment' as activity
    from assessments
    union all
    select
        referral_id,
        'a section 47 enquiry' as activity
    from s47_enquiries
    union all
    select
        referral_id,
        'a CIN plan' as activity
    from cin_plans
    union all
    select
        referral_id,
        'a child protection plan' as activity
    from cp_plans
),

activity_on_nfa_referral as (
    select
        'cin_8831' as rule_id,
        'ssd_cin_episodes' as table_name,
        referrals.referral_id as record_id,
        referrals.child_key,
        referrals.landing_row_number,
        'cine_referral_nfa' as field,
        'Y' as value,
        'The referral is marked no further action but has ' || min(nfa_activity.activity) as message
    from referrals
    inner join nfa_activity
        on referrals.referral_id = nfa_activity.referral_id
    where referrals.is_referral_nfa
    group by referrals.referral_id, referrals.child_key, referrals.landing_row_number
),

-- assessments --------------------------------------------------------------------------

assessment_before_referral as (
    select
        'cin_1103' as rule_id,
        'ssd_cin_assessments' as table_name,
        assessments.assessment_id as record_id,
        assessments.child_key,
        assessments.landing_row_number,
        'cina_assessment_start_date' as field,
        cast(assessments.assessment_start_date as varchar) as value,
        'Assessment start ' || cast(assessments.assessment_start_date as varchar) || ' is before the referral date '
        || cast(referrals.referral_date as varchar) as message
    from assessments
    inner join referrals
        on assessments.referral_id = referrals.referral_id
    where assessments.assessment_start_date < referrals.referral_date
),

assessment_authorised_before_start as (
    select
        'cin_8608' as rule_id,
        'ssd_cin_assessments' as table_name,
        assessment_id as record_id,
        child_key,
        landing_row_number,
        'cina_assessment_auth_date' as field,
        cast(assessment_auth_date as varchar) as value,
        'Authorisation date ' || cast(assessment_auth_date as varchar) || ' is before the start date '
        || cast(assessment_start_date as varchar) as message
    from assessments
    where assessment_auth_date < assessment_start_date
),

unauthorised_assessments as (
    select
        assessments.*,
        extract_manifest.extract_date
    from assessments
    cross join extract_manifest
    where assessments.assessment_auth_date is null
        and assessments.assessment_start_date is not null
        and coalesce(assessments.parse_errors, '') not like '%cina_assessment_auth_date: %'
),

open_assessments as (
    {{ with_working_days('unauthorised_assessments', 'assessment_start_date', 'extract_date',
                         'working_days_open', calendar='calendar') }}
),

assessment_open_too_long as (
    select
        'cin_8670Q' as rule_id,
        'ssd_cin_assessments' as table_name,
        assessment_id as record_id,
        child_key,
        landing_row_number,
        'cina_assessment_auth_date' as field,
        cast(assessment_start_date as varchar) as value,
        'The assessment started ' || cast(assessment_start_date as varchar) || ' is not authorised after '
        || cast(working_days_open as varchar) || ' working days' as message
    from open_assessments
    where working_days_open > {{ var('assessment_timescale_working_days') }}
),

-- CIN plans ----------------------------------------------------------------------------

cin_plans_ordered as (
    select
        cin_plan_id,
        child_key,
        landing_row_number,
        person_id,
        cin_plan_start_date,
        cin_plan_end_date,
        max(coalesce(cin_plan_end_date, date '9999-12-31')) over (
            partition by person_id
            order by cin_plan_start_date, cin_plan_id
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_end_date
    from cin_plans
    where cin_plan_start_date is not null
        and person_id is not null
),

overlapping_cin_plans as (
    select
        'csc_overlapping_cin_plans' as rule_id,
        'ssd_cin_plans' as table_name,
        cin_plan_id as record_id,
        child_key,
        landing_row_number,
        'cinp_cin_plan_start_date' as field,
        cast(cin_plan_start_date as varchar) as value,
        'The CIN plan starts on ' || cast(cin_plan_start_date as varchar) || ' while an earlier CIN plan of the child is '
        || case when latest_earlier_end_date = date '9999-12-31' then 'still open' else 'open until ' || cast(latest_earlier_end_date as varchar) end as message
    from cin_plans_ordered
    where cin_plan_start_date < latest_earlier_end_date
),

cin_plan_during_cp_plan as (
    select
        'cin_4001' as rule_id,
        'ssd_cin_plans' as table_name,
        cin_plans.cin_plan_id as record_id,
        cin_plans.child_key,
        cin_plans.landing_row_number,
        'cinp_cin_plan_start_date' as field,
        cast(cin_plans.cin_plan_start_date as varchar) as value,
        'The CIN plan (' || cast(cin_plans.cin_plan_start_date as varchar) || ' to '
        || coalesce(cast(cin_plans.cin_plan_end_date as varchar), 'open') || ') runs during child protection plan '
        || min(cp_plans.cp_plan_id) as message
    from cin_plans
    inner join cp_plans
        on cin_plans.person_id = cp_plans.person_id
        and cin_plans.cin_plan_start_date < coalesce(cp_plans.cp_plan_end_date, date '9999-12-31')
        and cp_plans.cp_plan_start_date < coalesce(cin_plans.cin_plan_end_date, date '9999-12-31')
    group by
        cin_plans.cin_plan_id, cin_plans.child_key, cin_plans.landing_row_number,
        cin_plans.cin_plan_start_date, cin_plans.cin_plan_end_date
),

-- section 47 enquiries and ICPCs -----------------------------------------------------------

s47_before_referral as (
    select
        'cin_2889' as rule_id,
        'ssd_s47_enquiry' as table_name,
        s47_enquiries.s47_enquiry_id as record_id,
        s47_enquiries.child_key,
        s47_enquiries.landing_row_number,
        's47e_s47_start_date' as field,
        cast(s47_enquiries.s47_start_date as varchar) as value,
        'Section 47 start ' || cast(s47_enquiries.s47_start_date as varchar) || ' is before the referral date '
        || cast(referrals.referral_date as varchar) as message
    from s47_enquiries
    inner join referrals
        on s47_enquiries.referral_id = referrals.referral_id
    where s47_enquiries.s47_start_date < referrals.referral_date
),

s47_after_icpc as (
    select
        'cin_8615' as rule_id,
        'ssd_s47_enquiry' as table_name,
        s47_enquiries.s47_enquiry_id as record_id,
        s47_enquiries.child_key,
        s47_enquiries.landing_row_number,
        's47e_s47_start_date' as field,
        cast(s47_enquiries.s47_start_date as varchar) as value,
        'Section 47 start ' || cast(s47_enquiries.s47_start_date as varchar) || ' is after its initial child protection conference on '
        || cast(min(icpcs.icpc_date) as varchar) as message
    from s47_enquiries
    inner join icpcs
        on s47_enquiries.s47_enquiry_id = icpcs.s47_enquiry_id
    where s47_enquiries.s47_start_date > icpcs.icpc_date
    group by
        s47_enquiries.s47_enquiry_id, s47_enquiries.child_key, s47_enquiries.landing_row_number,
        s47_enquiries.s47_start_date
),

unended_s47_enquiries as (
    select
        s47_enquiries.*,
        extract_manifest.extract_date
    from s47_enquiries
    cross join extract_manifest
    where s47_enquiries.s47_end_date is null
        and s47_enquiries.s47_start_date is not null
        and coalesce(s47_enquiries.parse_errors, '') not like '%s47e_s47_end_date: %'
),

open_s47_enquiries as (
    {{ with_working_days('unended_s47_enquiries', 's47_start_date', 'extract_date',
                         'working_days_open', calendar='calendar') }}
),

s47_open_too_long as (
    select
        'cin_8675Q' as rule_id,
        'ssd_s47_enquiry' as table_name,
        s47_enquiry_id as record_id,
        child_key,
        landing_row_number,
        's47e_s47_end_date' as field,
        cast(s47_start_date as varchar) as value,
        'The section 47 enquiry started ' || cast(s47_start_date as varchar) || ' is not completed after '
        || cast(working_days_open as varchar) || ' working days' as message
    from open_s47_enquiries
    where working_days_open > {{ var('icpc_timescale_working_days') }}
),

-- child protection plans ---------------------------------------------------------------

cp_plan_end_before_start as (
    select
        'cin_8925' as rule_id,
        'ssd_cp_plans' as table_name,
        cp_plan_id as record_id,
        child_key,
        landing_row_number,
        'cppl_cp_plan_end_date' as field,
        cast(cp_plan_end_date as varchar) as value,
        'Child protection plan end ' || cast(cp_plan_end_date as varchar) || ' is before its start '
        || cast(cp_plan_start_date as varchar) as message
    from cp_plans
    where cp_plan_end_date < cp_plan_start_date
),

cp_plan_start_not_icpc as (
    select
        'cin_2885' as rule_id,
        'ssd_cp_plans' as table_name,
        cp_plans.cp_plan_id as record_id,
        cp_plans.child_key,
        cp_plans.landing_row_number,
        'cppl_cp_plan_start_date' as field,
        cast(cp_plans.cp_plan_start_date as varchar) as value,
        'Child protection plan start ' || cast(cp_plans.cp_plan_start_date as varchar) || ' is not the date of its initial conference '
        || cast(icpcs.icpc_date as varchar) as message
    from cp_plans
    inner join icpcs
        on cp_plans.icpc_id = icpcs.icpc_id
    where cp_plans.cp_plan_start_date != icpcs.icpc_date
        and not coalesce(icpcs.is_transfer_in, false)
),

cp_plans_ordered as (
    select
        cp_plan_id,
        child_key,
        landing_row_number,
        cp_plan_start_date,
        cp_plan_end_date,
        max(coalesce(cp_plan_end_date, date '9999-12-31')) over (
            partition by person_id
            order by cp_plan_start_date, cp_plan_id
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_end_date,
        count(case when cp_plan_end_date is null then 1 end) over (partition by person_id) as open_plans,
        {{ current_record_rank(['person_id', 'cp_plan_end_date is null'], ['cp_plan_start_date', 'cp_plan_id']) }}
            as open_recency
    from cp_plans
    where cp_plan_start_date is not null
        and person_id is not null
),

overlapping_cp_plans as (
    select
        'cin_8940' as rule_id,
        'ssd_cp_plans' as table_name,
        cp_plan_id as record_id,
        child_key,
        landing_row_number,
        'cppl_cp_plan_start_date' as field,
        cast(cp_plan_start_date as varchar) as value,
        'The child protection plan starts on ' || cast(cp_plan_start_date as varchar) || ' while an earlier plan of the child is '
        || case when latest_earlier_end_date = date '9999-12-31' then 'still open' else 'open until ' || cast(latest_earlier_end_date as varchar) end as message
    from cp_plans_ordered
    where cp_plan_start_date < latest_earlier_end_date
),

multiple_open_cp_plans as (
    select
        'cin_8935' as rule_id,
        'ssd_cp_plans' as table_name,
        cp_plan_id as record_id,
        child_key,
        landing_row_number,
        'cppl_cp_plan_end_date' as field,
        cast(cp_plan_start_date as varchar) as value,
        'The child has ' || cast(open_plans as varchar) || ' open child protection plans; only one may be open' as message
    from cp_plans_ordered
    where cp_plan_end_date is null
        and open_plans > 1
        and open_recency > 1
),

cp_visit_outside_plan as (
    select
        'csc_visit_outside_plan' as rule_id,
        'ssd_cp_visits' as table_name,
        cp_visits.cp_visit_id as record_id,
        cp_visits.child_key,
        cp_visits.landing_row_number,
        'cppv_cp_visit_date' as field,
        cast(cp_visits.cp_visit_date as varchar) as value,
        'Visit date ' || cast(cp_visits.cp_visit_date as varchar) || ' is outside its child protection plan ('
        || coalesce(cast(cp_plans.cp_plan_start_date as varchar), 'no start date') || ' to ' || coalesce(cast(cp_plans.cp_plan_end_date as varchar), 'open') || ')' as message
    from cp_visits
    inner join cp_plans
        on cp_visits.cp_plan_id = cp_plans.cp_plan_id
    where cp_visits.cp_visit_date < cp_plans.cp_plan_start_date
        or cp_visits.cp_visit_date > cp_plans.cp_plan_end_date
),

-- dates before birth and end before start (several tables) ---------------------------------

{%- set before_birth = [
    ('ssd_cin_episodes', 'referrals', 'referral_id', 'referral_date', 'cine_referral_date', 'referral'),
    ('ssd_cin_assessments', 'assessments', 'assessment_id', 'assessment_start_date', 'cina_assessment_start_date', 'assessment start'),
    ('ssd_cin_plans', 'cin_plans', 'cin_plan_id', 'cin_plan_start_date', 'cinp_cin_plan_start_date', 'CIN plan start'),
    ('ssd_cin_visits', 'cin_visits', 'cin_visit_id', 'cin_visit_date', 'cinv_cin_visit_date', 'visit'),
    ('ssd_s47_enquiry', 's47_enquiries', 's47_enquiry_id', 's47_start_date', 's47e_s47_start_date', 'section 47 start'),
    ('ssd_cp_plans', 'cp_plans', 'cp_plan_id', 'cp_plan_start_date', 'cppl_cp_plan_start_date', 'child protection plan start'),
] %}

event_before_birth as (
    {%- for table, cte, key, column, field, label in before_birth %}
    select
        'csc_event_before_birth' as rule_id,
        '{{ table }}' as table_name,
        {{ cte }}.{{ key }} as record_id,
        {{ cte }}.child_key,
        {{ cte }}.landing_row_number,
        '{{ field }}' as field,
        cast({{ cte }}.{{ column }} as varchar) as value,
        'The {{ label }} date ' || cast({{ cte }}.{{ column }} as varchar)
        || ' is before the child''s date of birth (right only for an unborn child)' as message
    from {{ cte }}
    inner join persons
        on {{ cte }}.person_id = persons.person_id
    where {{ cte }}.{{ column }} < persons.birth_date
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

{%- set end_before_start = [
    ('ssd_cin_plans', 'cin_plans', 'cin_plan_id', 'cin_plan_start_date', 'cin_plan_end_date', 'cinp_cin_plan_end_date'),
    ('ssd_s47_enquiry', 's47_enquiries', 's47_enquiry_id', 's47_start_date', 's47_end_date', 's47e_s47_end_date'),
] %}

end_before_start as (
    {%- for table, cte, key, start_column, end_column, field in end_before_start %}
    select
        'csc_end_before_start' as rule_id,
        '{{ table }}' as table_name,
        {{ key }} as record_id,
        child_key,
        landing_row_number,
        '{{ field }}' as field,
        cast({{ end_column }} as varchar) as value,
        'End date ' || cast({{ end_column }} as varchar) || ' is before the start date ' || cast({{ start_column }} as varchar) as message
    from {{ cte }}
    where {{ end_column }} < {{ start_column }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

final as (
    {%- set parts = ['death_before_birth', 'unknown_sex', 'unknown_ethnicity', 'closure_before_referral',
        'closure_date_without_reason', 'closure_reason_without_date', 'referral_long_before_birth',
        'overlapping_cin_episodes', 'multiple_open_cin_episodes', 'activity_on_nfa_referral',
        'assessment_before_referral', 'assessment_authorised_before_start', 'assessment_open_too_long',
        'overlapping_cin_plans', 'cin_plan_during_cp_plan', 's47_before_referral', 's47_after_icpc',
        's47_open_too_long', 'cp_plan_end_before_start', 'cp_plan_start_not_icpc', 'overlapping_cp_plans',
        'multiple_open_cp_plans', 'cp_visit_outside_plan', 'event_before_birth', 'end_before_start'] %}
    {%- for part in parts %}
    select * from {{ part }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
)

select * from final
