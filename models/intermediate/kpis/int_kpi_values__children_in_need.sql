{#
    KPI values of the Children in need section of kpis.md, one row per KPI, period and
    breakdown value (see _int_kpis__marts_one.yml). Each child with a CIN plan open at
    an as-at date is a unit; `cin_children_change_12m` takes +1 in the numerator for a
    child open at P, and -1 in the numerator and +1 in the denominator for a child open
    at P - interval 12 months, so the sums are the change and the base.
#}

{%- set kpi_units = {
    'cin_children': 'count',
    'cin_children_change_12m': 'percent',
    'cin_visit_timeliness': 'percent',
    'cin_plan_duration': 'count',
} -%}
{%- set breakdowns = ['locality', 'service', 'duration_band'] -%}

with

periods as (

    select * from {{ ref('dim_reporting_periods') }}

),

children_at_dates as (

    select * from {{ ref('int_cin_children_at_dates') }}

),

children_at_period_end as (

    select
        periods.period_month,
        periods.period_end,
        children_at_dates.*
    from children_at_dates
    inner join periods
        on children_at_dates.as_at_date = periods.period_end

),

children_a_year_before_period_end as (

    select
        periods.period_month,
        periods.period_end,
        children_at_dates.*
    from children_at_dates
    inner join periods
        on
            children_at_dates.as_at_date
            = cast({{ dbt.dateadd('month', -12, 'periods.period_end') }} as date)

),

units as (

    select
        'cin_children' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(null as double) as denominator,
        locality,
        service,
        cast(null as varchar) as duration_band
    from children_at_period_end

    union all

    select
        'cin_children_change_12m' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(0 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as service,
        cast(null as varchar) as duration_band
    from children_at_period_end

    union all

    select
        'cin_children_change_12m' as kpi_id,
        period_month,
        period_end,
        cast(-1 as double) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as service,
        cast(null as varchar) as duration_band
    from children_a_year_before_period_end

    union all

    -- the last seen visit in the current plan, or else the plan start, at most
    -- var cin_visit_interval_days calendar days before P
    select
        'cin_visit_timeliness' as kpi_id,
        period_month,
        period_end,
        cast(
            case
                when
                    coalesce(last_seen_visit_date, cin_plan_start_date)
                    >= cast({{ dbt.dateadd(
                        'day', -1 * (var('cin_visit_interval_days', 28) | int), 'period_end'
                    ) }} as date)
                    then 1
                else 0
            end as double
        ) as numerator,
        cast(1 as double) as denominator,
        locality,
        service,
        cast(null as varchar) as duration_band
    from children_at_period_end

    union all

    select
        'cin_plan_duration' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(null as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as service,
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
    from children_at_period_end

),

{{ kpi_values_from_units(kpi_units, breakdowns) }}

select * from final
