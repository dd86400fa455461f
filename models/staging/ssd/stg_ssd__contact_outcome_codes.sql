{#
    One row per contact and outcome code (landing-inspection.md: the outcome keys are a code
    set, code_set_codes), for the contacts stg_ssd__contacts keeps (first row per id), read from it. A code
    repeated in one set is one row. The contact's date and source are in stg_ssd__contacts
    (join on contact_id).
#}
with source as (select * from {{ ref('base_ssd__contacts') }}),

-- the contacts stg_ssd__contacts keeps, with their ids and child key as staged there, so the
-- file is de-duplicated and each person id pseudonymised once; the outcome set comes from
-- the same landing row
staged_contacts as (select * from {{ ref('stg_ssd__contacts') }}),

kept_contacts as (
    select
        staged_contacts.contact_id,
        staged_contacts.person_id,
        staged_contacts.child_key,
        source.cont_contact_outcome_json,
        staged_contacts.landing_row_number
    from staged_contacts
    inner join source
        on staged_contacts.landing_row_number = source.landing_row_number
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
