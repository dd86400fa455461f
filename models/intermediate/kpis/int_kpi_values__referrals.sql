{#
    KPI values of the Referrals section of kpis.md, one row per KPI, period and
    breakdown value (see _int_kpis__marts_one.yml). Each referral is a unit of the
    population of a KPI in a period; units are unpivoted to their breakdowns and summed.
#}

{%- set kpi_units = {
    'referrals': 'count',
    'rereferral_rate': 'percent',
    'referral_nfa_rate': 'percent',
    'referral_rate_per_10k': 'rate_per_10k',
} -%}
{%- set breakdowns = ['locality', 'referral_source'] -%}

with

periods as (

    select * from {{ ref('dim_reporting_periods') }}

),

referrals as (

    select * from {{ ref('int_referrals_sequenced') }}

),

extract_manifest as (

    select * from {{ ref('stg_la__extract_manifests') }}

),

child_population as (

    select coalesce(max(cast(child_population as double)), 0) as rate_base
    from extract_manifest

),

referrals_in_month as (

    select
        periods.period_month,
        periods.period_end,
        referrals.*
    from referrals
    inner join periods
        on
            referrals.referral_date >= periods.period_month
            and referrals.referral_date <= periods.period_end

),

referrals_in_rolling_12_months as (

    select
        periods.period_month,
        periods.period_end,
        referrals.*
    from referrals
    inner join periods
        on
            referrals.referral_date
            > cast({{ dbt.dateadd('month', -12, 'periods.period_end') }} as date)
            and referrals.referral_date <= periods.period_end

),

units as (

    select
        'referrals' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(null as double) as denominator,
        locality,
        case when is_known_referral_source then referral_source_code else 'unknown' end
            as referral_source
    from referrals_in_month

    union all

    select
        'referral_nfa_rate' as kpi_id,
        period_month,
        period_end,
        cast(case when is_referral_nfa then 1 else 0 end as double) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as referral_source
    from referrals_in_month

    union all

    select
        'rereferral_rate' as kpi_id,
        period_month,
        period_end,
        cast(case when is_re_referral then 1 else 0 end as double) as numerator,
        cast(1 as double) as denominator,
        locality,
        cast(null as varchar) as referral_source
    from referrals_in_rolling_12_months

    union all

    -- the denominator (child population) is added once per period by the scaffold below
    select
        'referral_rate_per_10k' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(0 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as referral_source
    from referrals_in_rolling_12_months

),

{{ kpi_values_from_units(kpi_units, breakdowns, rate_base='child_population') }}

select * from final
