{#
    One row per child with a CIN plan open at an as-at date: every period end of
    int_reporting_periods and every date 12 months before one (for the year-on-year
    change), with its current plan and last seen visit (the rule shared with CP plans:
    macro current_plans_with_last_seen_visit). Open at D: start <= D and (end is null or
    end > D). The current plan is the open plan with the latest start, then the greatest
    plan id as text (kpis.md). The last seen visit is the child's latest visit with the
    child seen dated on or before the as-at date; it counts only when it is on or after
    the current plan's start.
#}

with

periods as (

    select * from {{ ref('int_reporting_periods') }}

),

plans as (

    select * from {{ ref('int_cin_plans_visited') }}

),

visits as (

    select * from {{ ref('stg_ssd__cin_visits') }}

),

as_at_dates as (

    select period_end as as_at_date
    from periods

    union

    select cast({{ dbt.dateadd('month', -12, 'period_end') }} as date) as as_at_date
    from periods

),

current_plans_with_last_seen_visit as (

    {{ current_plans_with_last_seen_visit(
        plans='plans',
        visits='visits',
        as_at_dates='as_at_dates',
        plan='cin_plan',
        visit_date='cin_visit_date',
        plan_columns=['team_id', 'locality', 'service']
    ) }}

),

final as (

    select
        child_key,
        as_at_date,
        cin_plan_id,
        cin_plan_start_date,
        cin_plan_end_date,
        open_plan_count,
        team_id,
        locality,
        service,
        last_seen_visit_date
    from current_plans_with_last_seen_visit

)

select * from final
