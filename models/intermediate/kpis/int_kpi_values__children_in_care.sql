-- Children in care KPIs (kpis.md, "Children in care") for every reporting period: numerator
-- and denominator per KPI, breakdown and breakdown value. Stock KPIs come from
-- int_cla_children_at_period (children with an episode open at P); starts and ceases from
-- int_cla_periods_of_care. Every period gets an `all` row for every KPI.

with

reporting_periods as (

    select period_month, period_end from {{ ref('dim_reporting_periods') }}

),

children_at_period as (

    select * from {{ ref('int_cla_children_at_period') }}
    where is_looked_after

),

periods_of_care as (

    select * from {{ ref('int_cla_periods_of_care') }}
    where not is_short_break_period

),

kpi_ids as (

    select 'cla_children' as kpi_id, 'count' as kpi_unit
    union all select 'cla_started', 'count'
    union all select 'cla_ceased', 'count'
    union all select 'cla_visit_timeliness', 'percent'
    union all select 'cla_health_assessment_rate', 'percent'
    union all select 'cla_dental_check_rate', 'percent'
    union all select 'cla_stability_short', 'percent'
    union all select 'cla_stability_long', 'percent'

),

-- one row per looked-after child, period and breakdown (all, legal_status, placement_type)
children_by_breakdown as (

    select child_key, period_month, period_end, 'all' as breakdown, 'all' as breakdown_value
    from children_at_period
    union all
    select child_key, period_month, period_end, 'legal_status', legal_status_group
    from children_at_period
    union all
    select child_key, period_month, period_end, 'placement_type', placement_type_group
    from children_at_period

),

cla_children as (

    select
        'cla_children' as kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        cast(count(*) as double) as numerator,
        cast(null as double) as denominator
    from children_by_breakdown
    group by period_month, period_end, breakdown, breakdown_value

),

stock_percentages as (

    select
        period_month,
        period_end,
        sum(case when is_visit_in_standard then 1 else 0 end) as visits_in_standard,
        count(*) as looked_after,
        sum(case when is_in_care_12_months and has_health_assessment_12m then 1 else 0 end)
            as health_assessments,
        sum(case when is_in_care_12_months and has_dental_check_12m then 1 else 0 end)
            as dental_checks,
        sum(case when is_in_care_12_months then 1 else 0 end) as in_care_12_months,
        sum(case when has_3_plus_placements_in_12m then 1 else 0 end) as unstable_short,
        sum(case when is_in_long_term_stability_cohort and is_in_placement_2_years then 1 else 0 end)
            as stable_long,
        sum(case when is_in_long_term_stability_cohort then 1 else 0 end) as long_term_cohort
    from children_at_period
    group by period_month, period_end

),

stock_percentage_rows as (

    select 'cla_visit_timeliness' as kpi_id, period_month, period_end,
        visits_in_standard as numerator, looked_after as denominator
    from stock_percentages
    union all
    select 'cla_health_assessment_rate', period_month, period_end, health_assessments, in_care_12_months
    from stock_percentages
    union all
    select 'cla_dental_check_rate', period_month, period_end, dental_checks, in_care_12_months
    from stock_percentages
    union all
    select 'cla_stability_short', period_month, period_end, unstable_short, looked_after
    from stock_percentages
    union all
    select 'cla_stability_long', period_month, period_end, stable_long, long_term_cohort
    from stock_percentages

),

started_and_ceased as (

    select
        'cla_started' as kpi_id,
        reporting_periods.period_month,
        reporting_periods.period_end
    from periods_of_care
    inner join reporting_periods
        on periods_of_care.period_start_date >= reporting_periods.period_month
        and periods_of_care.period_start_date <= reporting_periods.period_end
    union all
    select
        'cla_ceased' as kpi_id,
        reporting_periods.period_month,
        reporting_periods.period_end
    from periods_of_care
    inner join reporting_periods
        on periods_of_care.period_end_date >= reporting_periods.period_month
        and periods_of_care.period_end_date <= reporting_periods.period_end

),

started_and_ceased_counts as (

    select
        kpi_id,
        period_month,
        period_end,
        count(*) as numerator
    from started_and_ceased
    group by kpi_id, period_month, period_end

),

all_rows as (

    select
        kpi_ids.kpi_id,
        reporting_periods.period_month,
        reporting_periods.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(coalesce(stock_percentage_rows.numerator, started_and_ceased_counts.numerator, 0) as double)
            as numerator,
        case
            when kpi_ids.kpi_unit = 'count' then cast(null as double)
            else cast(coalesce(stock_percentage_rows.denominator, 0) as double)
        end as denominator
    from reporting_periods
    cross join kpi_ids
    left join stock_percentage_rows
        on kpi_ids.kpi_id = stock_percentage_rows.kpi_id
        and reporting_periods.period_end = stock_percentage_rows.period_end
    left join started_and_ceased_counts
        on kpi_ids.kpi_id = started_and_ceased_counts.kpi_id
        and reporting_periods.period_end = started_and_ceased_counts.period_end
    where kpi_ids.kpi_id <> 'cla_children'

),

final as (

    select * from all_rows
    union all
    select
        'cla_children' as kpi_id,
        reporting_periods.period_month,
        reporting_periods.period_end,
        'all' as breakdown,
        'all' as breakdown_value,
        cast(0 as double) as numerator,
        cast(null as double) as denominator
    from reporting_periods
    where not exists (
        select 1 from cla_children
        where cla_children.period_end = reporting_periods.period_end
            and cla_children.breakdown = 'all'
    )
    union all
    select * from cla_children

)

select * from final
