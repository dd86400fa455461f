with

plans as (

    select * from {{ ref('int_cin_plans_visited') }}

),

final as (

    select
        cast(cin_plan_id as varchar) as cin_plan_id,
        cast(referral_id as varchar) as referral_id,
        cast(child_key as varchar) as child_key,
        cast(cin_plan_start_date as date) as cin_plan_start_date,
        cast(cin_plan_end_date as date) as cin_plan_end_date,
        cast(team_id as varchar) as team_id,
        cast(locality as varchar) as locality,
        cast(service as varchar) as service,
        cast(last_seen_visit_date as date) as last_seen_visit_date,
        cast(seen_visit_count as integer) as seen_visit_count
    from plans

)

select * from final
