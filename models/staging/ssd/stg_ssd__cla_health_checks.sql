with source as (select * from {{ ref('base_ssd__cla_health') }}),

typed as (
    select
        {{ clean_text('clah_health_check_id') }} as health_check_id,
        {{ clean_text('clah_person_id') }} as person_id,
        {{ pseudonymise('clah_person_id') }} as child_key,
        {{ map_code('clah_health_check_type') }} as health_check_type_code,
        {{ is_known_code('clah_health_check_type') }} as is_known_health_check_type,
        {{ parse_date('clah_health_check_date') }} as health_check_date,
        {{ map_code('clah_health_check_status') }} as health_check_status_code,
        {{ is_known_code('clah_health_check_status') }} as is_known_health_check_status,
        {{ parse_errors('ssd', 'ssd_cla_health') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'clah_health_check_type': 'health_check_type', 'clah_health_check_status': 'health_check_status'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'health_check_id') }}
)

select * from final
