{#
    Referrals KPIs of kpis.md (see _int_kpis__marts_one.yml): every referral dated in a
    KPI's window (month or rolling 12 months, as the catalogue says) is a unit of it.
    The front door of kpis-inspection.md (contacts, early help), in the same catalogue area,
    is int_kpi_values__front_door.
#}

{%- set referral_kpi_ids = ['referrals', 'rereferral_rate', 'referral_nfa_rate', 'referral_rate_per_10k'] %}
{%- set breakdowns = ['locality', 'referral_source'] %}

with

{{ kpi_periods('referrals', referral_kpi_ids) }},

referrals as (select * from {{ ref('int_referrals_sequenced') }}),

child_population as (select * from {{ ref('int_child_population') }}),

referrals_in_windows as (

    {{ kpi_rows('referrals', referral_kpi_ids, 'referral_date') }}

),

-- the denominator is the catalogue unit's: none for a count, the child population
-- (added once per period by the scaffold) for the rate
units as (

    {{ kpi_units(
        'referrals_in_windows', breakdowns,
        numerator=kpi_indicator({
            'referral_nfa_rate': 'is_referral_nfa',
            'rereferral_rate': 'is_re_referral',
        }),
        values={
            'locality': 'locality',
            'referral_source': "case when is_known_referral_source then referral_source_code else 'unknown' end",
        }
    ) }}

),

{{ kpi_values_from_units(breakdowns, rate_base='child_population') }}

select * from final
