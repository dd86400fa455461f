{#
    One row per contact and outcome code (landing-inspection.md: the outcome keys are a code
    set, code_set_codes), for the contacts stg_ssd__contacts keeps (first row per id). A code
    repeated in one set is one row. The contact's date and source are in stg_ssd__contacts
    (join on contact_id).
#}
with source as (select * from {{ ref('base_ssd__contacts') }}),

contacts as (
    select
        {{ clean_text('cont_contact_id') }} as contact_id,
        {{ clean_text('cont_person_id') }} as person_id,
        {{ pseudonymise('cont_person_id') }} as child_key,
        cont_contact_outcome_json,
        landing_row_number
    from source
),

kept_contacts as (
    {{ keep_first_per_key('contacts', 'contact_id') }}
),

outcome_codes as (
    {{ code_set_codes('kept_contacts', ['contact_id', 'person_id', 'child_key', 'landing_row_number'], 'cont_contact_outcome_json') }}
),

mapped as (
    select
        outcome_codes.contact_id,
        outcome_codes.person_id,
        outcome_codes.child_key,
        {{ map_code('raw_code') }} as contact_outcome_code,
        {{ is_known_code('raw_code') }} as is_known_contact_outcome,
        outcome_codes.landing_row_number
    from outcome_codes
    {{ join_code_lookups({'raw_code': 'contact_outcome'}, relation='outcome_codes') }}
),

final as (
    select distinct
        contact_id,
        person_id,
        child_key,
        contact_outcome_code,
        is_known_contact_outcome,
        landing_row_number
    from mapped
)

select * from final
