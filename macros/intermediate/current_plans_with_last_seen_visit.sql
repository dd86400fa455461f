{#
    "Current plan + last seen visit" at as-at dates (kpis.md), the rule the CIN and CP
    KPIs share. For every as-at date D and child with a plan open at D (is_open_at:
    start <= D and (end is null or end > D)):
    - the current plan is the open plan with the latest start, then the greatest plan
      id as text; open_plan_count counts the child's plans open at D;
    - the last seen visit is the child's latest visit with the child seen dated on or
      before D; last_seen_visit_date is it when it is on or after the current plan's
      start, else null.

    Returns a select statement, one row per child and D, with columns child_key, the
    as_at_columns, as_at_date (named as_at_date_name), <plan>_id, <plan>_start_date, <plan>_end_date,
    open_plan_count, the plan_columns, last_seen_visit_date.
    - plans: relation or CTE with child_key, <plan>_id, <plan>_start_date,
      <plan>_end_date and the plan_columns;
    - visits: relation or CTE with child_key, is_child_seen and visit_date;
    - as_at_dates: relation or CTE with one row per as_at_date (and the as_at_columns);
    - plan: the plan column prefix ('cin_plan', 'cp_plan');
    - visit_date: the visit date column of visits.

    Cost: plans are expanded only to the as-at dates they are open at (an interval join,
    planned by DuckDB as a range join), and the last visit is carried forward with a
    window over one ordered stream of visits and child-dates per person, so the work
    grows with records, not records x periods.
    Used by int_cin_children_at_dates and int_cp_children_at_period_end.
#}
{% macro current_plans_with_last_seen_visit(
    plans, visits, as_at_dates, plan, visit_date,
    as_at_columns=[], as_at_date_name='as_at_date', plan_columns=[]
) -%}
    with

    date_range as (

        select
            min(as_at_date) as first_as_at_date,
            max(as_at_date) as last_as_at_date
        from {{ as_at_dates }}

    ),

    plans_in_range as (

        -- plans that can be open at some as-at date: closed history drops out before the join
        select plans.*
        from {{ plans }} as plans
        cross join date_range
        where
            plans.child_key is not null
            and {{ is_open_during(
                'plans.' ~ plan ~ '_start_date',
                'plans.' ~ plan ~ '_end_date',
                'date_range.first_as_at_date',
                'date_range.last_as_at_date'
            ) }}

    ),

    open_plans as (

        -- open at D; an interval join
        select
            {%- for column in as_at_columns %}
            as_at_dates.{{ column }},
            {%- endfor %}
            as_at_dates.as_at_date,
            plans_in_range.*
        from plans_in_range
        inner join {{ as_at_dates }} as as_at_dates
            on {{ is_open_at(
                'plans_in_range.' ~ plan ~ '_start_date',
                'plans_in_range.' ~ plan ~ '_end_date',
                'as_at_dates.as_at_date'
            ) }}

    ),

    ranked_open_plans as (

        select
            *,
            {{ current_record_rank(
                ['child_key', 'as_at_date'],
                [plan ~ '_start_date', 'cast(' ~ plan ~ '_id as ' ~ dbt.type_string() ~ ')']
            ) }} as plan_recency_rank,
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
            {{ visit_date }} as event_date,
            0 as event_order,
            cast(null as date) as as_at_date
        from {{ visits }}
        where
            is_child_seen
            and {{ visit_date }} is not null
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

    )

    select
        current_plans.child_key,
        {%- for column in as_at_columns %}
        current_plans.{{ column }},
        {%- endfor %}
        current_plans.as_at_date as {{ as_at_date_name }},
        current_plans.{{ plan }}_id,
        current_plans.{{ plan }}_start_date,
        current_plans.{{ plan }}_end_date,
        current_plans.open_plan_count,
        {%- for column in plan_columns %}
        current_plans.{{ column }},
        {%- endfor %}
        case
            when latest_seen_visits.latest_seen_visit_date >= current_plans.{{ plan }}_start_date
                then latest_seen_visits.latest_seen_visit_date
        end as last_seen_visit_date
    from current_plans
    inner join latest_seen_visits
        on
            current_plans.child_key = latest_seen_visits.child_key
            and current_plans.as_at_date = latest_seen_visits.as_at_date
{%- endmacro %}
