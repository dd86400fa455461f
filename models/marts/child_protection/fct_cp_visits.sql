with

visits as (select * from {{ ref('int_cp_visits_matched') }}),

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

final as (

    select
        cast(visits.cp_visit_id as varchar) as cp_visit_id,
        cast(visits.child_key as varchar) as child_key,
        cast(visits.cp_visit_date as date) as cp_visit_date,
        cast(visits.is_child_seen as boolean) as is_child_seen,
        cast(visits.is_child_seen_alone as boolean) as is_child_seen_alone,
        cast(visits.recorded_cp_plan_id as varchar) as recorded_cp_plan_id,
        cast(visits.cp_plan_id as varchar) as cp_plan_id,
        cast(plans.team_id as varchar) as team_id,
        cast(coalesce(plans.locality, 'unknown') as varchar) as locality,
        cast(coalesce(plans.service, 'unknown') as varchar) as service
    from visits
    left join plans
        on visits.cp_plan_id = plans.cp_plan_id

)

select * from final
