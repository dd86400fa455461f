with source as (select * from {{ ref('base_ssd__cp_plans') }}),

typed as (
    select
        {{ clean_text('cppl_cp_plan_id') }} as cp_plan_id,
        {{ clean_text('cppl_referral_id') }} as referral_id,
        {{ clean_text('cppl_icpc_id') }} as icpc_id,
        {{ clean_text('cppl_person_id') }} as person_id,
        {{ pseudonymise('cppl_person_id') }} as child_key,
        {{ parse_date('cppl_cp_plan_start_date') }} as cp_plan_start_date,
        {{ parse_date('cppl_cp_plan_end_date') }} as cp_plan_end_date,
        {{ map_code('cppl_cp_plan_initial_category') }} as initial_category_code,
        {{ is_known_code('cppl_cp_plan_initial_category') }} as is_known_initial_category,
        {{ map_code('cppl_cp_plan_latest_category') }} as latest_category_code,
        {{ is_known_code('cppl_cp_plan_latest_category') }} as is_known_latest_category,
        coalesce({{ parse_flag('cppl_cp_plan_ola') }}, false) as is_other_la_plan,
        {{ parse_errors('ssd', 'ssd_cp_plans') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'cppl_cp_plan_initial_category': 'category_of_abuse', 'cppl_cp_plan_latest_category': 'category_of_abuse', 'cppl_cp_plan_ola': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cp_plan_id') }}
)

select * from final
