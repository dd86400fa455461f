with source as (select * from {{ ref('base_ssd__cin_visits') }}),

typed as (
    select
        {{ clean_text('cinv_cin_visit_id') }} as cin_visit_id,
        {{ clean_text('cinv_person_id') }} as person_id,
        {{ pseudonymise('cinv_person_id') }} as child_key,
        {{ parse_date('cinv_cin_visit_date') }} as cin_visit_date,
        {{ parse_flag('cinv_cin_visit_seen') }} as is_child_seen,
        {{ parse_flag('cinv_cin_visit_seen_alone') }} as is_child_seen_alone,
        {{ parse_flag('cinv_cin_visit_bedroom') }} as is_bedroom_seen,
        {{ parse_errors('ssd', 'ssd_cin_visits') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'cinv_cin_visit_seen': 'flag', 'cinv_cin_visit_seen_alone': 'flag', 'cinv_cin_visit_bedroom': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cin_visit_id') }}
)

select * from final
