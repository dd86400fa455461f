with source as (select * from {{ ref('base_ssd__cla_visits') }}),

typed as (
    select
        {{ clean_text('clav_cla_visit_id') }} as cla_visit_id,
        {{ clean_text('clav_cla_id') }} as cla_id,
        {{ clean_text('clav_person_id') }} as person_id,
        {{ pseudonymise('clav_person_id') }} as child_key,
        {{ parse_date('clav_cla_visit_date') }} as cla_visit_date,
        {{ parse_flag('clav_cla_visit_seen') }} as is_child_seen,
        {{ parse_flag('clav_cla_visit_seen_alone') }} as is_child_seen_alone,
        {{ parse_errors('ssd', 'ssd_cla_visits') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'clav_cla_visit_seen': 'flag', 'clav_cla_visit_seen_alone': 'flag'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'cla_visit_id') }}
)

select * from final
