with

visits as (select * from {{ ref('int_cin_visits_matched') }}),

plans as (select * from {{ ref('int_cin_plans_visited') }}),

final as (

    select
        cast(visits.cin_visit_id as varchar) as cin_visit_id,
        cast(visits.child_key as varchar) as child_key,
        cast(visits.cin_visit_date as date) as cin_visit_date,
        cast(visits.is_child_seen as boolean) as is_child_seen,
        cast(visits.is_child_seen_alone as boolean) as is_child_seen_alone,
        cast(visits.is_bedroom_seen as boolean) as is_bedroom_seen,
        cast(visits.cin_plan_id as varchar) as cin_plan_id,
        cast(plans.team_id as varchar) as team_id,
        cast(coalesce(plans.locality, 'unknown') as varchar) as locality,
        cast(coalesce(plans.service, 'unknown') as varchar) as service
    from visits
    left join plans
        on visits.cin_plan_id = plans.cin_plan_id

)

select * from final
