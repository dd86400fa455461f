with source as (select * from {{ ref('base_ssd__cp_visits') }}),

typed as (
    select
        {{ clean_text('cppv_cp_visit_id') }} as cp_visit_id,
        {{ clean_text('cppv_person_id') }} as person_id,
        {{ pseudonymise('cppv_person_id') }} as child_key,
        {{ clean_text('cppv_cp_plan_id') }} as cp_plan_id,
        {{ parse_date('cppv_cp_visit_date') }} as cp_visit_date,
        {{ parse_flag('cppv_cp_visit_seen') }} as is_child_seen,
        {{ parse_flag('cppv_cp_visit_seen_alone') }} as is_child_seen_alone,
        {{ parse_errors('ssd', 'ssd_cp_visits') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'cppv_cp_visit_seen': 'flag', 'cppv_cp_visit_seen_alone': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cp_visit_id') }}
)

select * from final
