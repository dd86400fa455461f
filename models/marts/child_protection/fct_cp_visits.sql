with

visits as (select * from {{ ref('int_cp_visits_matched') }}),

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

visits_with_teams as (

    {{ visits_with_plan_team('visits', 'plans', 'cp_plan_id') }}

),

final as (

    select
        {{ contracted_columns() }}
    from visits_with_teams

)

select * from final
