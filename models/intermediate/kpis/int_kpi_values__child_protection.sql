{#
    KPI values of the Child protection section of kpis.md, one row per KPI, period and
    breakdown value (see _int_kpis__marts_one.yml). Each s47 enquiry, ICPC, CP plan or
    child on a plan is a unit of the population of a KPI in a period; units are
    unpivoted to their breakdowns and summed.
#}

{%- set kpi_units = {
    's47_enquiries': 'count',
    'icpcs': 'count',
    'icpc_timeliness': 'percent',
    'icpc_conversion_rate': 'percent',
    'cp_children': 'count',
    'cp_repeat_plan_rate': 'percent',
    'cp_plans_2y_plus': 'percent',
    'cp_plans_ended_2y_plus': 'percent',
    'cp_visit_timeliness': 'percent',
} -%}
{%- set breakdowns = ['locality', 'category_of_abuse'] -%}

with

periods as (

    select * from {{ ref('dim_reporting_periods') }}

),

enquiries as (

    select * from {{ ref('int_s47_enquiries_teamed') }}

),

icpcs as (

    select * from {{ ref('int_icpcs_joined_to_s47') }}

),

plans as (

    select * from {{ ref('int_cp_plans_flagged') }}

),

children_at_period_end as (

    select * from {{ ref('int_cp_children_at_period_end') }}

),

enquiries_in_month as (

    select
        periods.period_month,
        periods.period_end,
        enquiries.s47_enquiry_id
    from enquiries
    inner join periods
        on
            enquiries.s47_start_date >= periods.period_month
            and enquiries.s47_start_date <= periods.period_end

),

icpcs_in_month as (

    select
        periods.period_month,
        periods.period_end,
        icpcs.*
    from icpcs
    inner join periods
        on
            icpcs.icpc_date >= periods.period_month
            and icpcs.icpc_date <= periods.period_end

),

icpcs_in_rolling_12_months as (

    select
        periods.period_month,
        periods.period_end,
        icpcs.*
    from icpcs
    inner join periods
        on
            icpcs.icpc_date > cast({{ dbt.dateadd('month', -12, 'periods.period_end') }} as date)
            and icpcs.icpc_date <= periods.period_end

),

plans_started_in_rolling_6_months as (

    select
        periods.period_month,
        periods.period_end,
        plans.*
    from plans
    inner join periods
        on
            plans.cp_plan_start_date
            > cast({{ dbt.dateadd('month', -6, 'periods.period_end') }} as date)
            and plans.cp_plan_start_date <= periods.period_end

),

plans_ended_in_rolling_12_months as (

    select
        periods.period_month,
        periods.period_end,
        plans.*
    from plans
    inner join periods
        on
            plans.cp_plan_end_date
            > cast({{ dbt.dateadd('month', -12, 'periods.period_end') }} as date)
            and plans.cp_plan_end_date <= periods.period_end

),

units as (

    select
        's47_enquiries' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(null as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from enquiries_in_month

    union all

    -- transfer-ins included
    select
        'icpcs' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(null as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from icpcs_in_month

    union all

    select
        'icpc_timeliness' as kpi_id,
        period_month,
        period_end,
        cast(case when is_within_timescale then 1 else 0 end as double) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from icpcs_in_month
    where is_in_timeliness_population

    union all

    select
        'icpc_conversion_rate' as kpi_id,
        period_month,
        period_end,
        cast(case when is_outcome_cp_plan then 1 else 0 end as double) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from icpcs_in_rolling_12_months
    where not is_transfer_in

    union all

    select
        'cp_children' as kpi_id,
        period_month,
        period_end,
        cast(1 as double) as numerator,
        cast(null as double) as denominator,
        locality,
        category_of_abuse
    from children_at_period_end

    union all

    select
        'cp_repeat_plan_rate' as kpi_id,
        period_month,
        period_end,
        cast(case when is_repeat_plan then 1 else 0 end as double) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from plans_started_in_rolling_6_months

    union all

    select
        'cp_plans_2y_plus' as kpi_id,
        period_month,
        period_end,
        cast(
            case
                when
                    cp_plan_start_date
                    <= cast({{ dbt.dateadd('year', -2, 'period_end') }} as date)
                    then 1
                else 0
            end as double
        ) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from children_at_period_end

    union all

    select
        'cp_plans_ended_2y_plus' as kpi_id,
        period_month,
        period_end,
        cast(case when has_lasted_2y_plus then 1 else 0 end as double) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from plans_ended_in_rolling_12_months

    union all

    select
        'cp_visit_timeliness' as kpi_id,
        period_month,
        period_end,
        cast(
            case
                when
                    working_days_since_last_seen_visit
                    <= {{ var('cp_visit_interval_working_days', 10) }}
                    then 1
                else 0
            end as double
        ) as numerator,
        cast(1 as double) as denominator,
        cast(null as varchar) as locality,
        cast(null as varchar) as category_of_abuse
    from children_at_period_end
    -- null only when the date counted from is outside the working-day calendar: such a child
    -- is left out at P (csc_date_outside_calendar), never counted as late
    where working_days_since_last_seen_visit is not null

),

{{ kpi_values_from_units(kpi_units, breakdowns) }}

select * from final
