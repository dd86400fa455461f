{#- Permanence plans; the codes are in stg_ssd__cla_care_plan_codes (one row per plan and code). -#}
with source as (select * from {{ ref('base_ssd__cla_care_plan') }}),

typed as (
    select
        {{ clean_text('lacp_table_id') }} as cla_care_plan_id,
        {{ clean_text('lacp_person_id') }} as person_id,
        {{ pseudonymise('lacp_person_id') }} as child_key,
        {{ parse_date('lacp_cla_care_plan_start_date') }} as cla_care_plan_start_date,
        {{ parse_date('lacp_cla_care_plan_end_date') }} as cla_care_plan_end_date,
        {{ is_code_set_readable('lacp_cla_care_plan_json') }} as is_plan_set_readable,
        {{ parse_errors('ssd', 'ssd_cla_care_plan') }} as parse_errors,
        source.landing_row_number
    from source
),

final as (
    {{ keep_first_per_key('typed', 'cla_care_plan_id') }}
)

select * from final
