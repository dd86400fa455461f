{#
    One row per contact (ssd_contacts: one per child per contact) with whether it was
    converted to a referral (kpis-inspection.md `contact_referral_conversion`). The SSD has
    no contact-to-referral link, so contacts are matched to referrals by person and date:
    - var contact_conversion_basis = referral_date (default): the same child has a
      referral (any, NFA included) dated on or after the contact date and at most var
      contact_referral_days (7) calendar days after it, also when dated after P (a month's
      figure is final contact_referral_days after the month ends);
    - = outcome_flag: NEW_REFERRAL_FLAG is selected in the contact's outcome set.
    A contact with a null person is never converted. One referral may convert several
    contacts. contact_source: the contact source code, `unknown` when not recognised.
#}

{%- set basis = var('contact_conversion_basis') %}
{%- if basis not in ['referral_date', 'outcome_flag'] %}
    {{ exceptions.raise_compiler_error(
        "var contact_conversion_basis must be 'referral_date' or 'outcome_flag', not '" ~ basis ~ "'"
    ) }}
{%- endif %}

with

contacts as (select * from {{ ref('stg_ssd__contacts') }}),

{%- if basis == 'referral_date' %}

referrals as (select * from {{ ref('int_referrals_sequenced') }}),

converted_contacts as (

    select distinct contacts.contact_id
    from contacts
    inner join referrals
        on
        contacts.child_key = referrals.child_key
        and contacts.contact_date <= referrals.referral_date
        and referrals.referral_date
        <= cast({{ dbt.dateadd('day', var('contact_referral_days') | int, 'contacts.contact_date') }} as date)

),
{%- else %}

outcome_codes as (select * from {{ ref('stg_ssd__contact_outcome_codes') }}),

converted_contacts as (

    select distinct contact_id
    from outcome_codes
    where contact_outcome_code = 'NEW_REFERRAL_FLAG'

),
{%- endif %}

final as (

    select
        contacts.contact_id,
        contacts.child_key,
        contacts.contact_date,
        case when contacts.is_known_contact_source then contacts.contact_source_code else 'unknown' end
            as contact_source,
        contacts.child_key is not null and converted_contacts.contact_id is not null as is_converted
    from contacts
    left join converted_contacts
        on contacts.contact_id = converted_contacts.contact_id

)

select * from final
