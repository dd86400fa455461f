{#
    One row per child with a CP plan open at a period end P of int_reporting_periods.
    Current plan and last seen visit at P: macro current_plans_with_last_seen_visit,
    shared with CIN (kpis.md). Then the working days from that visit (or else the plan
    start) to P, for cp_visit_timeliness.
#}

with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

plans as (

    select * from {{ ref('int_cp_plans_flagged') }}

),

visits as (

    select * from {{ ref('stg_ssd__cp_visits') }}

),

calendar as (

    select * from {{ ref('int_dates') }}

),

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

final as (

    -- working days from the last seen visit in the current plan, or else the plan
    -- start, to P (kpis.md, `cp_visit_timeliness`): the calendar's working_day_index at P
    -- minus that at the clock start; null when either date is not in the calendar
    select
        visit_clock_started.child_key,
        visit_clock_started.period_month,
        visit_clock_started.period_end,
        visit_clock_started.cp_plan_id,
        visit_clock_started.cp_plan_start_date,
        visit_clock_started.cp_plan_end_date,
        visit_clock_started.open_plan_count,
        visit_clock_started.team_id,
        visit_clock_started.locality,
        visit_clock_started.service,
        visit_clock_started.category_of_abuse,
        visit_clock_started.last_seen_visit_date,
        period_end_days.working_day_index - clock_start_days.working_day_index
            as working_days_since_last_seen_visit
    from visit_clock_started
    left join calendar as clock_start_days
        on visit_clock_started.last_seen_visit_or_start_date = clock_start_days.date_day
    left join calendar as period_end_days
        on visit_clock_started.period_end = period_end_days.date_day

)

select * from final
