{#
    One row per permanence plan and plan code (a code set: several codes at once in parallel
    planning), for the plans stg_ssd__cla_care_plans keeps. A plan with an empty set has no
    row here. Unknown codes are kept (is_known_permanence_plan false). The plan's dates are in
    stg_ssd__cla_care_plans (join on cla_care_plan_id).
    The rows are macro code_set_table (shared by the code tables of code-set columns).
#}
with source as (select * from {{ ref('base_ssd__cla_care_plan') }}),

final as (
    {{ code_set_table(
        'source', 'lacp_table_id', 'cla_care_plan_id',
        'lacp_person_id', 'lacp_cla_care_plan_json', 'permanence_plan'
    ) }}
)

select * from final
