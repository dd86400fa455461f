{#
    One row per child with a CIN plan open at an as-at date: every period end of
    int_reporting_periods and every date 12 months before one (for the year-on-year
    change), with the plan current at that date and the last visit the child was seen
    on or before it, within that plan: the rule CIN and CP plans share, written once in
    the macro current_plans_with_last_seen_visit (kpis.md).
#}

with

periods as (select * from {{ ref('int_reporting_periods') }}),

plans as (select * from {{ ref('int_cin_plans_visited') }}),

visits as (select * from {{ ref('stg_ssd__cin_visits') }}),

as_at_dates as (

    select period_end as as_at_date
    from periods

    union

    select cast({{ dbt.dateadd('month', -12, 'period_end') }} as date) as as_at_date
    from periods

),

final as (

    {{ current_plans_with_last_seen_visit(
        'plans', 'visits', 'as_at_dates', plan='cin_plan', visit_date='cin_visit_date',
        plan_columns=['team_id', 'locality', 'service']
    ) }}

)

select * from final
