{#
    Referrals KPIs of kpis.md (see _int_kpis__marts_one.yml): every referral dated in a
    KPI's window (month or rolling 12 months, as the catalogue says) is a unit of it.
    The front door of kpis-inspection.md (contacts, early help), in the same catalogue area,
    is int_kpi_values__front_door.
#}

{%- set referral_kpi_ids = ['referrals', 'rereferral_rate', 'referral_nfa_rate', 'referral_rate_per_10k'] %}

with

{{ kpi_periods('referrals', referral_kpi_ids) }},

referrals as (select * from {{ ref('int_referrals_sequenced') }}),

child_population as (select * from {{ ref('int_child_population') }}),

referrals_in_windows as (

    {{ kpi_rows('referrals', referral_kpi_ids, 'referral_date') }}

),

units as (

    -- the denominator is the catalogue unit's: none for a count, the child population
    -- (added once per period by the scaffold) for the rate
    select
        kpi_id,
        period_end,
        {{ kpi_indicator({
            'referral_nfa_rate': 'is_referral_nfa',
            'rereferral_rate': 'is_re_referral',
        }) }} as numerator,
        1 as denominator,
        locality,
        case when is_known_referral_source then referral_source_code else 'unknown' end
            as referral_source
    from referrals_in_windows

),

{{ kpi_values_from_units(['locality', 'referral_source'], rate_base='child_population') }}

select * from final
