with

visits as (select * from {{ ref('int_cin_visits_matched') }}),

plans as (select * from {{ ref('int_cin_plans_visited') }}),

visits_with_teams as (

    {{ visits_with_plan_team('visits', 'plans', 'cin_plan_id') }}

),

final as (

    select
        {{ contracted_columns() }}
    from visits_with_teams

)

select * from final
