{{ config(materialized='table', schema='data_quality', tags=['data_quality']) }}

{#
    Rules on the children-in-need tables, on the rows staging kept: dates out of order, dates
    before birth, overlapping or multiple open episodes and plans, CP plan start not equal to
    its ICPC date, assessment or s47 before its referral, closure date without reason,
    activity on an NFA referral, assessments and s47 enquiries open too long at the extract
    date. A rule keeps a DfE CIN census number (cin_8925) only where it flags exactly what the
    DfE's rule flags on the return's records; the others are this project's own (csc_...), and
    their dfe_reference in the dq_rules seed says how they differ from the DfE rule they resemble.
    Each rule is described in the dq_rules seed.
#}
{%- set ethnicity_codes = ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH',
    'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'] %}

with persons as (select * from {{ ref('stg_ssd__persons') }}),

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

assessments as (select * from {{ ref('stg_ssd__cin_assessments') }}),

cin_plans as (select * from {{ ref('stg_ssd__cin_plans') }}),

cin_visits as (select * from {{ ref('stg_ssd__cin_visits') }}),

s47_enquiries as (select * from {{ ref('stg_ssd__s47_enquiries') }}),

icpcs as (select * from {{ ref('stg_ssd__initial_cp_conferences') }}),

cp_plans as (select * from {{ ref('stg_ssd__cp_plans') }}),

cp_visits as (select * from {{ ref('stg_ssd__cp_visits') }}),

contacts as (select * from {{ ref('stg_ssd__contacts') }}),

cp_reviews as (select * from {{ ref('stg_ssd__cp_reviews') }}),

missing_episodes as (select * from {{ ref('stg_ssd__missing_episodes') }}),

calendar as (select * from {{ ref('int_dates') }}),

extract_manifest as (
    select max(extract_date) as extract_date
    from {{ ref('stg_la__extract_manifests') }}
),

referrals_with_birth as (
    select
        referrals.*,
        persons.birth_date
    from referrals
    inner join persons
        on referrals.person_id = persons.person_id
),

-- rules that test one record: (rule, landing table, relation, field, value, condition, message) --

referrals_in_order as (
    {{ dq_periods_in_order('referrals', 'referral_id', 'referral_date', 'close_date') }}
),

cin_plans_in_order as (
    {{ dq_periods_in_order('cin_plans', 'cin_plan_id', 'cin_plan_start_date', 'cin_plan_end_date', open_end="date '9999-12-31'") }}
),

cp_plans_in_order as (
    {{ dq_periods_in_order('cp_plans', 'cp_plan_id', 'cp_plan_start_date', 'cp_plan_end_date', open_end="date '9999-12-31'") }}
),

{%- set still_open = "case when latest_earlier_end = date '9999-12-31' then 'still open' else 'open until ' || cast(latest_earlier_end as " ~ dbt.type_string() ~ ") end" %}
{%- set several_open = 'open_count > 1 and open_recency > 1' %}
{%- set record_rules = [
    ('csc_death_before_birth', 'ssd_person', 'persons', 'pers_death_date', 'death_date', 'death_date < birth_date', "'Death date ' || cast(death_date as " ~ dbt.type_string() ~ ") || ' is before the child''s date of birth'"),
    ('csc_unknown_sex', 'ssd_person', 'persons', 'pers_sex', 'sex_code', "sex_code is null or upper(sex_code) not in ('M', 'F', 'U')", "'Sex ''' || coalesce(sex_code, '') || ''' is not M, F or U'"),
    ('csc_unknown_ethnicity', 'ssd_person', 'persons', 'pers_ethnicity', 'ethnicity_code', "ethnicity_code is null or upper(ethnicity_code) not in ('" ~ ethnicity_codes | join("', '") ~ "')", "'Ethnicity ''' || coalesce(ethnicity_code, '') || ''' is not a DfE ethnicity code'"),
    ('cin_8630', 'ssd_cin_episodes', 'referrals', 'cine_close_date', 'close_date', 'close_date < referral_date', "'Closure date ' || cast(close_date as " ~ dbt.type_string() ~ ") || ' is before the referral date ' || cast(referral_date as " ~ dbt.type_string() ~ ")"),
    ('cin_8805', 'ssd_cin_episodes', 'referrals', 'cine_close_reason', 'close_date', 'close_date is not null and close_reason_code is null', "'The episode has a closure date (' || cast(close_date as " ~ dbt.type_string() ~ ") || ') but no reason for closure'"),
    ('csc_closure_reason_without_date', 'ssd_cin_episodes', 'referrals', 'cine_close_date', 'close_reason_code', "close_reason_code is not null and close_date is null and coalesce(parse_errors, '') not like '%cine_close_date: %'", "'The episode has a reason for closure (' || close_reason_code || ') but no closure date'"),
    ('csc_referral_long_before_birth', 'ssd_cin_episodes', 'referrals_with_birth', 'cine_referral_date', 'referral_date', 'referral_date < cast(' ~ dbt.dateadd('day', -280, 'birth_date') ~ ' as date)', "'Referral date ' || cast(referral_date as " ~ dbt.type_string() ~ ") || ' is more than 40 weeks before the child''s date of birth'"),
    ('csc_overlapping_cin_episodes', 'ssd_cin_episodes', 'referrals_in_order', 'cine_referral_date', 'referral_date', 'referral_date < latest_earlier_end', "'The episode starts on ' || cast(referral_date as " ~ dbt.type_string() ~ ") || ', before an earlier episode of the child closed (' || cast(latest_earlier_end as " ~ dbt.type_string() ~ ") || ')'"),
    ('csc_multiple_open_cin_episodes', 'ssd_cin_episodes', 'referrals_in_order', 'cine_close_date', 'referral_date', 'close_date is null and ' ~ several_open, "'The child has ' || cast(open_count as " ~ dbt.type_string() ~ ") || ' open CIN episodes; only the latest may be open'"),
    ('cin_8608', 'ssd_cin_assessments', 'assessments', 'cina_assessment_auth_date', 'assessment_auth_date', 'assessment_auth_date < assessment_start_date', "'Authorisation date ' || cast(assessment_auth_date as " ~ dbt.type_string() ~ ") || ' is before the start date ' || cast(assessment_start_date as " ~ dbt.type_string() ~ ")"),
    ('csc_overlapping_cin_plans', 'ssd_cin_plans', 'cin_plans_in_order', 'cinp_cin_plan_start_date', 'cin_plan_start_date', 'cin_plan_start_date < latest_earlier_end', "'The CIN plan starts on ' || cast(cin_plan_start_date as " ~ dbt.type_string() ~ ") || ' while an earlier CIN plan of the child is ' || " ~ still_open),
    ('cin_8925', 'ssd_cp_plans', 'cp_plans', 'cppl_cp_plan_end_date', 'cp_plan_end_date', 'cp_plan_end_date < cp_plan_start_date', "'Child protection plan end ' || cast(cp_plan_end_date as " ~ dbt.type_string() ~ ") || ' is before its start ' || cast(cp_plan_start_date as " ~ dbt.type_string() ~ ")"),
    ('csc_overlapping_cp_plans', 'ssd_cp_plans', 'cp_plans_in_order', 'cppl_cp_plan_start_date', 'cp_plan_start_date', 'cp_plan_start_date < latest_earlier_end', "'The child protection plan starts on ' || cast(cp_plan_start_date as " ~ dbt.type_string() ~ ") || ' while an earlier plan of the child is ' || " ~ still_open),
    ('csc_multiple_open_cp_plans', 'ssd_cp_plans', 'cp_plans_in_order', 'cppl_cp_plan_end_date', 'cp_plan_start_date', 'cp_plan_end_date is null and ' ~ several_open, "'The child has ' || cast(open_count as " ~ dbt.type_string() ~ ") || ' open child protection plans; only one may be open'"),
] %}

record_findings as (
    {{ dq_record_findings(record_rules) }}
),

-- work that starts before its referral -------------------------------------------------------

before_referral as (
    {{ dq_record_findings([
        ('cin_1103', 'ssd_cin_assessments', 'assessments', 'cina_assessment_start_date', 'assessments.assessment_start_date', 'assessments.assessment_start_date < referrals.referral_date', "'Assessment start ' || cast(assessments.assessment_start_date as " ~ dbt.type_string() ~ ") || ' is before the referral date ' || cast(referrals.referral_date as " ~ dbt.type_string() ~ ")"),
        ('cin_2889', 'ssd_s47_enquiry', 's47_enquiries', 's47e_s47_start_date', 's47_enquiries.s47_start_date', 's47_enquiries.s47_start_date < referrals.referral_date', "'Section 47 start ' || cast(s47_enquiries.s47_start_date as " ~ dbt.type_string() ~ ") || ' is before the referral date ' || cast(referrals.referral_date as " ~ dbt.type_string() ~ ")"),
    ], join='inner join referrals on {relation}.referral_id = referrals.referral_id') }}
),

-- activity on an NFA referral --------------------------------------------------------------

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
    {{ dq_finding('csc_activity_on_nfa_referral', 'ssd_cin_episodes', 'cine_referral_nfa', "'Y'",
        "'The referral is marked no further action but has ' || min(nfa_activity.activity)", relation='referrals.') }}
    from referrals
    inner join nfa_activity
        on referrals.referral_id = nfa_activity.referral_id
    where referrals.is_referral_nfa
    group by referrals.referral_id, referrals.child_key, referrals.landing_row_number
),

-- assessments and section 47 enquiries still open at the extract date ------------------------

{#- (rule, landing table, relation, start, end, landing field of the end, var of the limit, what, not done) #}
{%- set open_work = [
    ('csc_assessment_open_too_long', 'ssd_cin_assessments', 'assessments', 'assessment_start_date', 'assessment_auth_date',
     'cina_assessment_auth_date', 'assessment_timescale_working_days', 'assessment', 'authorised'),
    ('csc_s47_open_too_long', 'ssd_s47_enquiry', 's47_enquiries', 's47_start_date', 's47_end_date',
     's47e_s47_end_date', 'icpc_timescale_working_days', 'section 47 enquiry', 'completed'),
] %}

open_work as (
    {%- for rule, table, relation, start_column, end_column, field, limit, what, not_done in open_work %}
    {{ dq_finding(rule, table, field, relation ~ '.' ~ start_column,
        "'The " ~ what ~ " started ' || cast(" ~ relation ~ "." ~ start_column ~ " as " ~ dbt.type_string() ~ ") || ' is not " ~ not_done ~ " after '",
        relation=relation ~ '.',
        columns=[relation ~ '.' ~ start_column ~ ' as start_date', 'extract_manifest.extract_date', var(limit) ~ ' as limit_working_days']) }}
    from {{ relation }}
    cross join extract_manifest
    where {{ relation }}.{{ end_column }} is null
        and {{ relation }}.{{ start_column }} is not null
        and coalesce({{ relation }}.parse_errors, '') not like '%{{ field }}: %'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

open_work_timed as (
    {{ with_working_days('open_work', 'start_date', 'extract_date', 'working_days_open', calendar='calendar') }}
),

open_too_long as (
    select
        rule_id,
        table_name,
        record_id,
        child_key,
        landing_row_number,
        field,
        value,
        message || cast(working_days_open as {{ dbt.type_string() }}) || ' working days' as message
    from open_work_timed
    where working_days_open > limit_working_days
),

-- plans, enquiries and conferences that do not fit together ------------------------------

cin_plan_during_cp_plan as (
    {{ dq_finding('csc_cin_plan_during_cp_plan', 'ssd_cin_plans', 'cinp_cin_plan_start_date', 'cin_plans.cin_plan_start_date',
        "'The CIN plan (' || cast(cin_plans.cin_plan_start_date as " ~ dbt.type_string() ~ ") || ' to '
        || coalesce(cast(cin_plans.cin_plan_end_date as " ~ dbt.type_string() ~ "), 'open') || ') runs during child protection plan '
        || min(cp_plans.cp_plan_id)", relation='cin_plans.') }}
    from cin_plans
    inner join cp_plans
        on cin_plans.person_id = cp_plans.person_id
        and cin_plans.cin_plan_start_date < coalesce(cp_plans.cp_plan_end_date, date '9999-12-31')
        and cp_plans.cp_plan_start_date < coalesce(cin_plans.cin_plan_end_date, date '9999-12-31')
    group by
        cin_plans.cin_plan_id, cin_plans.child_key, cin_plans.landing_row_number,
        cin_plans.cin_plan_start_date, cin_plans.cin_plan_end_date
),

s47_after_icpc as (
    {{ dq_finding('csc_s47_after_icpc', 'ssd_s47_enquiry', 's47e_s47_start_date', 's47_enquiries.s47_start_date',
        "'Section 47 start ' || cast(s47_enquiries.s47_start_date as " ~ dbt.type_string() ~ ") || ' is after its initial child protection conference on '
        || cast(min(icpcs.icpc_date) as " ~ dbt.type_string() ~ ")", relation='s47_enquiries.') }}
    from s47_enquiries
    inner join icpcs
        on s47_enquiries.s47_enquiry_id = icpcs.s47_enquiry_id
    where s47_enquiries.s47_start_date > icpcs.icpc_date
    group by
        s47_enquiries.s47_enquiry_id, s47_enquiries.child_key, s47_enquiries.landing_row_number,
        s47_enquiries.s47_start_date
),

cp_plan_start_not_icpc as (
    {{ dq_finding('csc_cp_plan_start_not_icpc_date', 'ssd_cp_plans', 'cppl_cp_plan_start_date', 'cp_plans.cp_plan_start_date',
        "'Child protection plan start ' || cast(cp_plans.cp_plan_start_date as " ~ dbt.type_string() ~ ") || ' is not the date of its initial conference '
        || cast(icpcs.icpc_date as " ~ dbt.type_string() ~ ")", relation='cp_plans.') }}
    from cp_plans
    inner join icpcs
        on cp_plans.icpc_id = icpcs.icpc_id
    where cp_plans.cp_plan_start_date != icpcs.icpc_date
        and not coalesce(icpcs.is_transfer_in, false)
),

cp_visit_outside_plan as (
    {{ dq_finding('csc_visit_outside_plan', 'ssd_cp_visits', 'cppv_cp_visit_date', 'cp_visits.cp_visit_date',
        "'Visit date ' || cast(cp_visits.cp_visit_date as " ~ dbt.type_string() ~ ") || ' is outside its child protection plan ('
        || coalesce(cast(cp_plans.cp_plan_start_date as " ~ dbt.type_string() ~ "), 'no start date') || ' to '
        || coalesce(cast(cp_plans.cp_plan_end_date as " ~ dbt.type_string() ~ "), 'open') || ')'", relation='cp_visits.') }}
    from cp_visits
    inner join cp_plans
        on cp_visits.cp_plan_id = cp_plans.cp_plan_id
    where cp_visits.cp_visit_date < cp_plans.cp_plan_start_date
        or cp_visits.cp_visit_date > cp_plans.cp_plan_end_date
),

-- dates before birth and end before start (several tables) ---------------------------------

{%- set before_birth = [
    ('ssd_cin_episodes', 'referrals', 'referral_date', 'cine_referral_date', 'referral'),
    ('ssd_cin_assessments', 'assessments', 'assessment_start_date', 'cina_assessment_start_date', 'assessment start'),
    ('ssd_cin_plans', 'cin_plans', 'cin_plan_start_date', 'cinp_cin_plan_start_date', 'CIN plan start'),
    ('ssd_cin_visits', 'cin_visits', 'cin_visit_date', 'cinv_cin_visit_date', 'visit'),
    ('ssd_s47_enquiry', 's47_enquiries', 's47_start_date', 's47e_s47_start_date', 'section 47 start'),
    ('ssd_cp_plans', 'cp_plans', 'cp_plan_start_date', 'cppl_cp_plan_start_date', 'child protection plan start'),
    ('ssd_contacts', 'contacts', 'contact_date', 'cont_contact_date', 'contact'),
    ('ssd_cp_reviews', 'cp_reviews', 'cp_review_date', 'cppr_cp_review_date', 'CP review'),
    ('ssd_missing', 'missing_episodes', 'missing_start_date', 'miss_missing_episode_start_date', 'missing episode start'),
] %}

{%- set birth_rules = [] %}
{%- for table, relation, column, field, label in before_birth %}
{%- do birth_rules.append(('csc_event_before_birth', table, relation, field, relation ~ '.' ~ column, relation ~ '.' ~ column ~ ' < persons.birth_date', "'The " ~ label ~ " date ' || cast(" ~ relation ~ "." ~ column ~ " as " ~ dbt.type_string() ~ ") || ' is before the child''s date of birth (right only for an unborn child)'")) %}
{%- endfor %}

event_before_birth as (
    {{ dq_record_findings(birth_rules, join='inner join persons on {relation}.person_id = persons.person_id') }}
),

end_before_start as (
    {{ dq_end_before_start([
        ('ssd_cin_plans', 'cin_plans', 'cin_plan_start_date', 'cin_plan_end_date', 'cinp_cin_plan_end_date'),
        ('ssd_s47_enquiry', 's47_enquiries', 's47_start_date', 's47_end_date', 's47e_s47_end_date'),
    ]) }}
),

final as (
    {{ dq_union_all(['record_findings', 'before_referral', 'activity_on_nfa_referral',
        'open_too_long', 'cin_plan_during_cp_plan', 's47_after_icpc', 'cp_plan_start_not_icpc', 'cp_visit_outside_plan',
        'event_before_birth', 'end_before_start']) }}
)

select * from final
