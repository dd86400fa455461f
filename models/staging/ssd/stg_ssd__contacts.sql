with source as (select * from {{ ref('base_ssd__contacts') }}),

typed as (
    select
        {{ clean_text('cont_contact_id') }} as contact_id,
        {{ clean_text('cont_person_id') }} as person_id,
        {{ pseudonymise('cont_person_id') }} as child_key,
        {{ parse_date('cont_contact_date') }} as contact_date,
        {{ map_code('cont_contact_source_code') }} as contact_source_code,
        {{ is_known_code('cont_contact_source_code') }} as is_known_contact_source,
        {{ clean_text('cont_contact_source_desc') }} as contact_source_description,
        {{ is_code_set_readable('cont_contact_outcome_json') }} as is_outcome_set_readable,
        {{ parse_errors('ssd', 'ssd_contacts') }} as parse_errors,
        source.landing_row_number
    from source
    {{ join_code_lookups({'cont_contact_source_code': 'referral_source'}) }}
),

final as (
    {{ keep_first_per_key('typed', 'contact_id') }}
)

select * from final
