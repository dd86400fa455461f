{#
    One row per CP visit, matched to the child's current CP plan on the visit date
    by person and date (kpis.md: the plan id on a visit row is not used; it is kept
    as `recorded_cp_plan_id` for data-quality checks). The current
    plan is the plan open on the visit date (start <= visit date < end) with the latest
    start, then the greatest plan id as text; null when no plan is open.
#}

with

visits as (

    select * from {{ ref('stg_ssd__cp_visits') }}

),

plans as (

    select * from {{ ref('stg_ssd__cp_plans') }}

),

plans_open_on_visit_date as (

    select
        visits.cp_visit_id,
        plans.cp_plan_id,
        row_number() over (
            partition by visits.cp_visit_id
            order by plans.cp_plan_start_date desc, cast(plans.cp_plan_id as varchar) desc
        ) as plan_recency_rank
    from visits
    inner join plans
        on
            visits.child_key = plans.child_key
            and visits.cp_visit_date >= plans.cp_plan_start_date
            and visits.cp_visit_date
            < coalesce(plans.cp_plan_end_date, cast('9999-12-31' as date))

),

final as (

    select
        visits.cp_visit_id,
        visits.child_key,
        visits.cp_visit_date,
        coalesce(visits.is_child_seen, false) as is_child_seen,
        coalesce(visits.is_child_seen_alone, false) as is_child_seen_alone,
        visits.cp_plan_id as recorded_cp_plan_id,
        plans_open_on_visit_date.cp_plan_id
    from visits
    left join plans_open_on_visit_date
        on
            visits.cp_visit_id = plans_open_on_visit_date.cp_visit_id
            and plans_open_on_visit_date.plan_recency_rank = 1

)

select * from final
