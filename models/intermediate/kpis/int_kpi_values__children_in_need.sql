{#
    Children in need KPIs of kpis.md (see _int_kpis__marts_one.yml): each child with a CIN
    plan open at P (int_cin_children_at_dates) is a unit of the stock KPIs, and each child
    open at P - interval 12 months a unit of the base of cin_children_change_12m. Each child
    with a CIN episode open at P (int_cin_episodes_open_at_period_end) is a unit of
    cin_episodes_open and of cin_rate_per_10k (over the child population).
#}

{#- cin_visit_timeliness: the last seen visit in the current plan, or else the plan start, at
    most var cin_visit_interval_days calendar days before P #}
{%- set cin_visit_in_time -%}
    coalesce(last_seen_visit_date, cin_plan_start_date)
    >= cast({{ dbt.dateadd('day', -1 * (var('cin_visit_interval_days') | int), 'period_end') }} as date)
{%- endset %}
{%- set breakdowns = ['locality', 'service', 'duration_band'] %}

with

{{ kpi_periods('children_in_need') }},

children_at_dates as (select * from {{ ref('int_cin_children_at_dates') }}),

episodes_open as (select * from {{ ref('int_cin_episodes_open_at_period_end') }}),

supervision_orders as (select * from {{ ref('int_supervision_orders_at_period_end') }}),

child_population as (select * from {{ ref('int_child_population') }}),

children_with_open_episodes as (

    {{ kpi_rows('episodes_open', ['cin_episodes_open', 'cin_rate_per_10k']) }}

),

children_at_as_at_dates as (

    -- the children with a CIN plan open at P, and at P - interval 12 months (the base of
    -- cin_children_change_12m)
    select
        periods.period_end,
        children_at_dates.as_at_date < periods.period_end as is_a_year_before,
        children_at_dates.*,
        supervision_orders.child_key is not null as has_supervision_order
    from children_at_dates
    inner join periods
        on children_at_dates.as_at_date in (
            periods.period_end,
            cast({{ dbt.dateadd('month', -12, 'periods.period_end') }} as date)
        )
    left join supervision_orders
        on
        children_at_dates.child_key = supervision_orders.child_key
        and children_at_dates.as_at_date = supervision_orders.period_end

),

children_in_kpis as (

    {{ kpi_rows(
        'children_at_as_at_dates',
        ['cin_children', 'cin_children_change_12m', 'cin_visit_timeliness', 'cin_plan_duration', 'cin_supervision_order'],
    ) }}

),

units as (

    -- cin_children_change_12m: +1 in the numerator for a child at P, -1 in the numerator and
    -- +1 in the denominator for a child a year before. cin_visit_timeliness: the last seen
    -- visit in the current plan, or else the plan start, at most var cin_visit_interval_days
    -- calendar days before P
    select
        kpi_id,
        period_end,
        case
            when is_a_year_before then -1
            else {{ kpi_indicator({
                'cin_supervision_order': 'has_supervision_order',
                'cin_visit_timeliness': cin_visit_in_time,
            }) }}
        end as numerator,
        case when kpi_id = 'cin_children_change_12m' and not is_a_year_before then 0 else 1 end
            as denominator,
        locality,
        service,
        case
            when
                cin_plan_start_date
                <= cast({{ dbt.dateadd('year', -2, 'period_end') }} as date)
                then '2y_plus'
            when
                cin_plan_start_date
                <= cast({{ dbt.dateadd('year', -1, 'period_end') }} as date)
                then '1_to_2y'
            else 'under_1y'
        end as duration_band
    from children_in_kpis
    -- a year before P, a child counts for the change only
    where not is_a_year_before or kpi_id = 'cin_children_change_12m'

    union all

    {{ kpi_units('children_with_open_episodes', breakdowns) }}

),

{{ kpi_values_from_units(breakdowns, rate_base='child_population') }}

select * from final
