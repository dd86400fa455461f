{#
    The front door KPIs of kpis-inspection.md (see _int_kpis__marts_one.yml; catalogue
    area `referrals`, beside int_kpi_values__referrals): every contact dated in the window
    is a unit of `contacts` and `contact_referral_conversion` (int_contacts_converted),
    every early help episode started in it of `early_help_started`, and every child with an
    early help episode open at P of `early_help_open`.
#}
{%- set breakdowns = ['locality', 'service', 'contact_source'] %}

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
    {{ kpi_units(
        'contacts_in_windows', breakdowns,
        numerator="case when kpi_id = 'contact_referral_conversion' and not is_converted then 0 else 1 end",
        values={'contact_source': 'contact_source'}
    ) }}

    union all

    {{ kpi_units('early_help_started_in_windows', breakdowns) }}

    union all

    {{ kpi_units('early_help_children_in_kpis', breakdowns, values={'locality': 'locality', 'service': 'service'}) }}

),

{{ kpi_values_from_units(breakdowns) }}

select * from final
