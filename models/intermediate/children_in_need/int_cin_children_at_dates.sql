{#
    One row per child with a CIN plan open at an as-at date: every period end of
    int_reporting_periods and every date 12 months before one (for the year-on-year
    change). Open at D: start <= D and (end is null or end > D). The current plan is the
    open plan with the latest start, then the greatest plan id as text (kpis.md). The
    last seen visit is the child's latest visit with the child seen dated on or before
    the as-at date; it counts only when it is on or after the current plan's start.

    Cost: plans are expanded only to the as-at dates they are open at (an interval join,
    planned by DuckDB as a range join), and the last visit is carried forward with a
    window over one ordered stream of visits and child-dates per person, so the work
    grows with records, not records x periods.
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

date_range as (

    select
        min(as_at_date) as first_as_at_date,
        max(as_at_date) as last_as_at_date
    from as_at_dates

),

plans_in_range as (

    -- plans that can be open at some as-at date: closed history drops out before the join
    select plans.*
    from plans
    cross join date_range
    where
        plans.child_key is not null
        and plans.cin_plan_start_date <= date_range.last_as_at_date
        and coalesce(plans.cin_plan_end_date, cast('9999-12-31' as date))
        > date_range.first_as_at_date

),

open_plans as (

    -- open at D: start <= D and (end is null or end > D); an interval join
    select
        as_at_dates.as_at_date,
        plans_in_range.*
    from plans_in_range
    inner join as_at_dates
        on
            plans_in_range.cin_plan_start_date <= as_at_dates.as_at_date
            and as_at_dates.as_at_date
            < coalesce(plans_in_range.cin_plan_end_date, cast('9999-12-31' as date))

),

ranked_open_plans as (

    select
        *,
        row_number() over (
            partition by child_key, as_at_date
            order by cin_plan_start_date desc, cast(cin_plan_id as varchar) desc
        ) as plan_recency_rank,
        count(*) over (partition by child_key, as_at_date) as open_plan_count
    from open_plans

),

current_plans as (

    select *
    from ranked_open_plans
    where plan_recency_rank = 1

),

visit_events as (

    -- child-dates and seen visits in one stream per person; a visit on the as-at date
    -- sorts before it (event_order 0), so it counts as on or before the date
    select
        child_key,
        as_at_date as event_date,
        1 as event_order,
        as_at_date
    from current_plans

    union all

    select
        child_key,
        cin_visit_date as event_date,
        0 as event_order,
        cast(null as date) as as_at_date
    from visits
    where
        is_child_seen
        and cin_visit_date is not null
        and child_key is not null

),

latest_seen_visits as (

    select
        child_key,
        as_at_date,
        max(case when event_order = 0 then event_date end) over (
            partition by child_key
            order by event_date, event_order
            rows between unbounded preceding and current row
        ) as latest_seen_visit_date
    from visit_events

),

final as (

    select
        current_plans.child_key,
        current_plans.as_at_date,
        current_plans.cin_plan_id,
        current_plans.cin_plan_start_date,
        current_plans.cin_plan_end_date,
        current_plans.open_plan_count,
        current_plans.team_id,
        current_plans.locality,
        current_plans.service,
        case
            when latest_seen_visits.latest_seen_visit_date >= current_plans.cin_plan_start_date
                then latest_seen_visits.latest_seen_visit_date
        end as last_seen_visit_date
    from current_plans
    inner join latest_seen_visits
        on
            current_plans.child_key = latest_seen_visits.child_key
            and current_plans.as_at_date = latest_seen_visits.as_at_date

)

select * from final
