with

plans as (

    select * from {{ ref('int_cp_plans_flagged') }}

),

final as (

    select
        cast(cp_plan_id as varchar) as cp_plan_id,
        cast(referral_id as varchar) as referral_id,
        cast(icpc_id as varchar) as icpc_id,
        cast(child_key as varchar) as child_key,
        cast(cp_plan_start_date as date) as cp_plan_start_date,
        cast(cp_plan_end_date as date) as cp_plan_end_date,
        cast(initial_category_code as varchar) as initial_category_code,
        cast(latest_category_code as varchar) as latest_category_code,
        cast(category_of_abuse as varchar) as category_of_abuse,
        cast(is_repeat_plan as boolean) as is_repeat_plan,
        cast(previous_plan_start_date as date) as previous_plan_start_date,
        cast(has_lasted_2y_plus as boolean) as has_lasted_2y_plus,
        cast(team_id as varchar) as team_id,
        cast(locality as varchar) as locality,
        cast(service as varchar) as service,
        cast(last_seen_visit_date as date) as last_seen_visit_date,
        cast(seen_visit_count as integer) as seen_visit_count
    from plans

)

select * from final
