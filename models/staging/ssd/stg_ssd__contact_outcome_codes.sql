{#
    One row per contact and outcome code (landing-inspection.md: the outcome keys are a code
    set, code_set_codes), for the contacts stg_ssd__contacts keeps (first row per id). A code
    repeated in one set is one row. The contact's date and source are in stg_ssd__contacts
    (join on contact_id).
    The rows are macro code_set_table (shared by the code tables of code-set columns).
#}
with source as (select * from {{ ref('base_ssd__contacts') }}),

final as (
    {{ code_set_table(
        'source', 'cont_contact_id', 'contact_id',
        'cont_person_id', 'cont_contact_outcome_json', 'contact_outcome'
    ) }}
)

select * from final
