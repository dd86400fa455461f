{#
    Referrals KPIs of kpis.md (see _int_kpis__marts_one.yml): every referral dated in a
    KPI's window (month or rolling 12 months, as the catalogue says) is a unit of it.
    kpis-inspection.md's front door: every contact dated in the window is a unit of
    `contacts` and `contact_referral_conversion` (int_contacts_converted), every early help
    episode started in it of `early_help_started`, and every child with an early help
    episode open at P of `early_help_open`.
#}

with

{{ kpi_periods('referrals') }},

referrals as (select * from {{ ref('int_referrals_sequenced') }}),

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

child_population as (select * from {{ ref('int_child_population') }}),

referrals_in_windows as (

    {{ kpi_rows(
        'referrals',
        ['referrals', 'rereferral_rate', 'referral_nfa_rate', 'referral_rate_per_10k'],
        'referral_date',
    ) }}

),

units as (

    -- the denominator is the catalogue unit's: none for a count, the child population
    -- (added once per period by the scaffold) for the rate
    select
        kpi_id,
        period_end,
        case
            when kpi_id = 'referral_nfa_rate' then case when is_referral_nfa then 1 else 0 end
            when kpi_id = 'rereferral_rate' then case when is_re_referral then 1 else 0 end
            else 1
        end as numerator,
        1 as denominator,
        locality,
        cast(null as varchar) as service,
        case when is_known_referral_source then referral_source_code else 'unknown' end
            as referral_source,
        cast(null as varchar) as contact_source
    from referrals_in_windows

    union all

    -- contacts: a contact with a null person is never converted and stays in the base
    select
        kpi_id,
        period_end,
        case when kpi_id = 'contact_referral_conversion' and not is_converted then 0 else 1 end as numerator,
        1 as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as service,
        cast(null as varchar) as referral_source,
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
        cast(null as varchar) as referral_source,
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
        cast(null as varchar) as referral_source,
        cast(null as varchar) as contact_source
    from early_help_children_in_kpis

),

{{ kpi_values_from_units(['locality', 'service', 'referral_source', 'contact_source'], rate_base='child_population') }}

select * from final
