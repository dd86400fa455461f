{#
    One row per CIN visit, matched to the child's current CIN plan on the visit date
    by person and date (kpis.md: the plan id on a visit row is not used). The current
    plan is the plan open on the visit date (start <= visit date < end) with the latest
    start, then the greatest plan id as text; null when no plan is open.
#}

with

visits as (

    select * from {{ ref('stg_ssd__cin_visits') }}

),

plans as (

    select * from {{ ref('stg_ssd__cin_plans') }}

),

plans_open_on_visit_date as (

    select
        visits.cin_visit_id,
        plans.cin_plan_id,
        row_number() over (
            partition by visits.cin_visit_id
            order by plans.cin_plan_start_date desc, cast(plans.cin_plan_id as varchar) desc
        ) as plan_recency_rank
    from visits
    inner join plans
        on
            visits.child_key = plans.child_key
            and visits.cin_visit_date >= plans.cin_plan_start_date
            and visits.cin_visit_date
            < coalesce(plans.cin_plan_end_date, cast('9999-12-31' as date))

),

final as (

    select
        visits.cin_visit_id,
        visits.child_key,
        visits.cin_visit_date,
        coalesce(visits.is_child_seen, false) as is_child_seen,
        coalesce(visits.is_child_seen_alone, false) as is_child_seen_alone,
        coalesce(visits.is_bedroom_seen, false) as is_bedroom_seen,
        plans_open_on_visit_date.cin_plan_id
    from visits
    left join plans_open_on_visit_date
        on
            visits.cin_visit_id = plans_open_on_visit_date.cin_visit_id
            and plans_open_on_visit_date.plan_recency_rank = 1

)

select * from final
