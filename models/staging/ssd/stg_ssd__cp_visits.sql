with source as (
    select * from {{ ref('base_ssd__cp_visits') }}
),

code_lookup as (
    select * from {{ ref('base_reference__code_lookup') }}
),

typed as (
    select
        {{ clean_text('cppv_cp_visit_id') }} as cp_visit_id,
        {{ clean_text('cppv_person_id') }} as person_id,
        {{ pseudonymise('cppv_person_id') }} as child_key,
        {{ clean_text('cppv_cp_plan_id') }} as cp_plan_id,
        {{ parse_date('cppv_cp_visit_date') }} as cp_visit_date,
        {{ parse_flag('cppv_cp_visit_seen') }} as is_child_seen,
        {{ parse_flag('cppv_cp_visit_seen_alone') }} as is_child_seen_alone,
        {{ parse_errors(dates=['cppv_cp_visit_date'], flags=['cppv_cp_visit_seen', 'cppv_cp_visit_seen_alone'], numbers=[]) }} as parse_errors,
        landing_row_number
    from source
    {{ join_code_lookup('cppv_cp_visit_seen', 'flag') }}
    {{ join_code_lookup('cppv_cp_visit_seen_alone', 'flag') }}
),

final as (
    {{ keep_first_per_key('typed', 'cp_visit_id') }}
)

select * from final
