{#
    One row per child with a CP plan open at a period end P of int_reporting_periods.
    Current plan and last seen visit at P: macro current_plans_with_last_seen_visit,
    shared with CIN (kpis.md). Then the working days from that visit (or else the plan
    start) to P, for cp_visit_timeliness.
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

visits as (select * from {{ ref('stg_ssd__cp_visits') }}),

calendar as (select * from {{ ref('int_dates') }}),

as_at_dates as (

    select
        period_month,
        period_end as as_at_date
    from periods

),

with_last_seen_visit as (

    {{ current_plans_with_last_seen_visit(
        'plans', 'visits', 'as_at_dates', plan='cp_plan', visit_date='cp_visit_date',
        as_at_columns=['period_month'], as_at_date_name='period_end',
        plan_columns=['team_id', 'locality', 'service', 'category_of_abuse']
    ) }}

),

visit_clock_started as (

    -- the clock runs from the last seen visit in the current plan, or else the plan start
    select
        *,
        coalesce(last_seen_visit_date, cp_plan_start_date) as last_seen_visit_or_start_date
    from with_last_seen_visit

),

working_days_counted as (

-- working days from the last seen visit in the current plan, or else the plan
-- start, to P (kpis.md, `cp_visit_timeliness`), an explicit join to the calendar;
-- null when either date is not in it
    {{ with_working_days(
        'visit_clock_started', 'last_seen_visit_or_start_date', 'period_end',
        'working_days_since_last_seen_visit', calendar='calendar'
    ) }}

),

final as (

    select
        child_key,
        period_month,
        period_end,
        cp_plan_id,
        cp_plan_start_date,
        cp_plan_end_date,
        open_plan_count,
        team_id,
        locality,
        service,
        category_of_abuse,
        -- how long the current plan has been open at P (DfE D7 bands, kpis-inspection.md
        -- `cp_plans_by_length`), counted back from P, first match wins
        case
            when cp_plan_start_date >= cast({{ dbt.dateadd('month', -3, 'period_end') }} as date) then 'up_to_3m'
            when cp_plan_start_date >= cast({{ dbt.dateadd('month', -6, 'period_end') }} as date) then '3m_to_6m'
            when cp_plan_start_date > cast({{ dbt.dateadd('year', -1, 'period_end') }} as date) then '6m_to_1y'
            when cp_plan_start_date > cast({{ dbt.dateadd('year', -2, 'period_end') }} as date) then '1y_to_2y'
            else '2y_plus'
        end as duration_band,
        last_seen_visit_date,
        working_days_since_last_seen_visit
    from working_days_counted

)

select * from final
