{#
    KPI values of the Children in need section of kpis.md, one row per KPI, period and
    breakdown value (see _int_kpis__marts_one.yml). Each child with a CIN plan open at
    an as-at date is a unit; `cin_children_change_12m` takes +1 in the numerator for a
    child open at P, and -1 in the numerator and +1 in the denominator for a child open
    at P - interval 12 months, so the sums are the change and the base.
#}

with

periods as (

    select * from {{ ref('dim_reporting_periods') }}

),

children_at_dates as (

    select * from {{ ref('int_cin_children_at_dates') }}

),

{{ kpi_periods('children_in_need') }},

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

children_in_stock_kpis as (

    -- each child with a CIN plan open at P, once for each KPI counted over them
    select
        kpis.kpi_id,
        children_at_period_end.*
    from children_at_period_end
    inner join kpis
        on kpis.kpi_id in (
            'cin_children', 'cin_children_change_12m', 'cin_visit_timeliness', 'cin_plan_duration'
        )

),

units as (

    -- cin_visit_timeliness: the last seen visit in the current plan, or else the plan start,
    -- at most var cin_visit_interval_days calendar days before P
    select
        kpi_id,
        period_month,
        period_end,
        case
            when kpi_id = 'cin_visit_timeliness'
                then case
                    when
                        coalesce(last_seen_visit_date, cin_plan_start_date)
                        >= cast({{ dbt.dateadd(
                            'day', -1 * (var('cin_visit_interval_days') | int), 'period_end'
                        ) }} as date)
                        then 1
                    else 0
                end
            else 1
        end as numerator,
        case when kpi_id = 'cin_children_change_12m' then 0 else 1 end as denominator,
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
    from children_in_stock_kpis

    union all

    -- the base of the change: -1 in the numerator, +1 in the denominator
    select
        'cin_children_change_12m' as kpi_id,
        period_month,
        period_end,
        -1 as numerator,
        1 as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as service,
        cast(null as varchar) as duration_band
    from children_a_year_before_period_end

),

{{ kpi_values_from_units(['locality', 'service', 'duration_band']) }}

select * from final
