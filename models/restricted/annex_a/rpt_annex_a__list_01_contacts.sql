{#
    Annex A List 1, contacts (docs/contracts/annex-a.md "List 1"): every ssd_contacts row with
    its contact date in W6 (after R - 6 months, on or before R), one row per contact. Contact
    Source is the lettered label of the source code (as List 3), an unknown code
    u) 10: Unknown. Without ssd_contacts the list is header-only (rpt_annex_a__notes).
#}

with

contacts as (select * from {{ ref('stg_ssd__contacts') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

final as (
    select
        {{ annex_a_common_columns('contacts.person_id', with_disability=false) }},
        contacts.contact_date,
        {{ annex_a_label('source', 'contacts.contact_source_code', "'u) 10: Unknown'") }} as contact_source,
        contacts.contact_id as source_id
    from contacts
    cross join parameters
    left join children
        on contacts.person_id = children.person_id
    where
        contacts.contact_date > parameters.w6_start
        and contacts.contact_date <= parameters.as_at_date
)

select * from final
