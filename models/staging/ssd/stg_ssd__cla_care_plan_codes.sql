{#
    One row per permanence plan and plan code (a code set: several codes at once in parallel
    planning), for the plans stg_ssd__cla_care_plans keeps. A plan with an empty set has no
    row here. Unknown codes are kept (is_known_permanence_plan false). The plan's dates are in
    stg_ssd__cla_care_plans (join on cla_care_plan_id).
#}
with source as (select * from {{ ref('base_ssd__cla_care_plan') }}),

plans as (
    select
        {{ clean_text('lacp_table_id') }} as cla_care_plan_id,
        {{ clean_text('lacp_person_id') }} as person_id,
        {{ pseudonymise('lacp_person_id') }} as child_key,
        lacp_cla_care_plan_json,
        landing_row_number
    from source
),

kept_plans as (
    {{ keep_first_per_key('plans', 'cla_care_plan_id') }}
),

plan_codes as (
    {{ code_set_codes('kept_plans', ['cla_care_plan_id', 'person_id', 'child_key', 'landing_row_number'], 'lacp_cla_care_plan_json') }}
),

final as (
    select distinct
        plan_codes.cla_care_plan_id,
        plan_codes.person_id,
        plan_codes.child_key,
        {{ map_code('raw_code') }} as permanence_plan_code,
        {{ is_known_code('raw_code') }} as is_known_permanence_plan,
        plan_codes.landing_row_number
    from plan_codes
    {{ join_code_lookups({'raw_code': 'permanence_plan'}, relation='plan_codes') }}
)

select * from final
