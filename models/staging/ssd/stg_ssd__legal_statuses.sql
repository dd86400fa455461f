with source as (select * from {{ ref('base_ssd__legal_status') }}),

typed as (
    select
        {{ clean_text('lega_legal_status_id') }} as legal_status_id,
        {{ clean_text('lega_person_id') }} as person_id,
        {{ pseudonymise('lega_person_id') }} as child_key,
        {{ map_code('lega_legal_status') }} as legal_status_code,
        {{ is_known_code('lega_legal_status') }} as is_known_legal_status,
        coalesce({{ is_ssda903_legal_status(map_code('lega_legal_status')) }}, false) as is_ssda903_legal_status,
        {{ parse_date('lega_legal_status_start_date') }} as legal_status_start_date,
        {{ parse_date('lega_legal_status_end_date') }} as legal_status_end_date,
        {{ parse_errors('ssd', 'ssd_legal_status') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'lega_legal_status': 'legal_status'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'legal_status_id') }}
)

select * from final
