{#
    The front door KPIs of kpis-inspection.md (see _int_kpis__marts_one.yml; catalogue
    area `referrals`, beside int_kpi_values__referrals): every contact dated in the window
    is a unit of `contacts` and `contact_referral_conversion` (int_contacts_converted),
    every early help episode started in it of `early_help_started`, and every child with an
    early help episode open at P of `early_help_open`.
#}

with

{{ kpi_periods('referrals', ['contacts', 'contact_referral_conversion', 'early_help_started', 'early_help_open']) }},

contacts as (select * from {{ ref('int_contacts_converted') }}),

early_help_episodes as (select * from {{ ref('stg_ssd__early_help_episodes') }}),

early_help_children as (select * from {{ ref('int_early_help_children_at_period_end') }}),

contacts_in_windows as (

    {{ kpi_rows('contacts', ['contacts', 'contact_referral_conversion'], 'contact_date') }}

),

early_help_started_in_windows as (

    {{ kpi_rows('early_help_episodes', ['early_help_started'], 'early_help_start_date') }}

),

early_help_children_in_kpis as (

    {{ kpi_rows('early_help_children', ['early_help_open']) }}

),

units as (

    -- contacts: a contact with a null person is never converted and stays in the base
    select
        kpi_id,
        period_end,
        case when kpi_id = 'contact_referral_conversion' and not is_converted then 0 else 1 end as numerator,
        1 as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as service,
        contact_source
    from contacts_in_windows

    union all

    select
        kpi_id,
        period_end,
        1 as numerator,
        1 as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as service,
        cast(null as varchar) as contact_source
    from early_help_started_in_windows

    union all

    select
        kpi_id,
        period_end,
        1 as numerator,
        1 as denominator,
        locality,
        service,
        cast(null as varchar) as contact_source
    from early_help_children_in_kpis

),

{{ kpi_values_from_units(['locality', 'service', 'contact_source']) }}

select * from final
