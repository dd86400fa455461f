{#
    Child protection KPIs of kpis.md (see _int_kpis__marts_one.yml): s47 enquiries, ICPCs
    and CP plans dated in a KPI's window (from the catalogue) and the children on a plan at
    P are the units. Each carries the breakdown values it has; the catalogue decides which
    KPI is broken down by them. The review KPIs of kpis-inspection.md, in the same catalogue
    area, are int_kpi_values__cp_reviews_held and int_kpi_values__cp_reviews_due.
#}

{#- the KPIs of the children on a plan at P; the others count events dated in a window #}
{%- set stock_kpi_ids = ['cp_children', 'cp_plans_2y_plus', 'cp_visit_timeliness', 'cp_rate_per_10k', 'cp_plans_by_length'] %}
{%- set breakdowns = ['locality', 'category_of_abuse', 'cp_duration_band'] %}

with

{{ kpi_periods('child_protection', [
    's47_enquiries',
    's47_rate_per_10k',
    'icpcs',
    'icpc_timeliness',
    'icpc_conversion_rate',
    'icpc_rate_per_10k',
    'cp_repeat_plan_rate',
    'cp_plans_ended_2y_plus',
    'cp_plans_ended_by_length',
] + stock_kpi_ids) }},

enquiries as (select * from {{ ref('int_s47_enquiries_teamed') }}),

icpcs as (select * from {{ ref('int_icpcs_joined_to_s47') }}),

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

children_at_period_end as (select * from {{ ref('int_cp_children_at_period_end') }}),

child_population as (select * from {{ ref('int_child_population') }}),

enquiries_in_windows as (

    {{ kpi_rows('enquiries', ['s47_enquiries', 's47_rate_per_10k'], 's47_start_date') }}

),

icpcs_in_windows as (

    {{ kpi_rows('icpcs', ['icpcs', 'icpc_timeliness', 'icpc_conversion_rate', 'icpc_rate_per_10k'], 'icpc_date') }}

),

plans_in_windows as (

    {{ kpi_rows('plans', ['cp_repeat_plan_rate'], 'cp_plan_start_date') }}

    union all

    {{ kpi_rows('plans', ['cp_plans_ended_2y_plus', 'cp_plans_ended_by_length'], 'cp_plan_end_date') }}

),

children_in_stock_kpis as (

    {{ kpi_rows('children_at_period_end', stock_kpi_ids) }}

),

units as (

    {{ kpi_units('enquiries_in_windows', breakdowns, values={'locality': 'locality'}) }}

    union all

    -- icpcs: transfer-ins included; timeliness, conversion and the rate leave them out (a
    -- null or unknown transfer-in flag is not a transfer-in)
    {{ kpi_units(
        'icpcs_in_windows', breakdowns,
        numerator=kpi_indicator({
            'icpc_timeliness': 'is_within_timescale',
            'icpc_conversion_rate': 'is_outcome_cp_plan',
        }),
        values={'locality': 'locality'}
    ) }}
    where
        kpi_id = 'icpcs'
        or (kpi_id = 'icpc_timeliness' and is_in_timeliness_population)
        or (kpi_id in ('icpc_conversion_rate', 'icpc_rate_per_10k') and not is_transfer_in)

    union all

    {{ kpi_units(
        'plans_in_windows', breakdowns,
        numerator=kpi_indicator({
            'cp_repeat_plan_rate': 'is_repeat_plan',
            'cp_plans_ended_2y_plus': 'has_lasted_2y_plus',
        }),
        values={
            'locality': 'locality',
            'category_of_abuse': 'category_of_abuse',
            'cp_duration_band': "case when kpi_id = 'cp_plans_ended_by_length' then ended_duration_band end",
        }
    ) }}

    union all

    {{ kpi_units(
        'children_in_stock_kpis', breakdowns,
        numerator=kpi_indicator({
            'cp_plans_2y_plus': "duration_band = '2y_plus'",
            'cp_visit_timeliness':
                'working_days_since_last_seen_visit <= ' ~ var('cp_visit_interval_working_days'),
        }),
        values={
            'locality': 'locality',
            'category_of_abuse': 'category_of_abuse',
            'cp_duration_band': "case when kpi_id = 'cp_plans_by_length' then duration_band end",
        }
    ) }}
    -- cp_visit_timeliness: the working days are null only when the date counted from is
    -- outside the working-day calendar: such a child is left out at P
    -- (csc_date_outside_calendar), never counted as late
    where kpi_id != 'cp_visit_timeliness' or working_days_since_last_seen_visit is not null

),

{{ kpi_values_from_units(breakdowns, rate_base='child_population') }}

select * from final
