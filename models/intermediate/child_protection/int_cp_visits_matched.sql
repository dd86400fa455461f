{#
    One row per CP visit, matched to the child's current CP plan on the visit date
    by person and date (kpis.md: the plan id on a visit row is not used; it is kept
    as `recorded_cp_plan_id` for data-quality checks). The current
    plan on the visit date is macro visits_matched_to_plans (shared by CIN and CP);
    null when no plan is open.
#}

with

visits as (select * from {{ ref('stg_ssd__cp_visits') }}),

plans as (select * from {{ ref('stg_ssd__cp_plans') }}),

current_plans_on_visit_date as (

    -- the current plan on the visit date (macro visits_matched_to_plans)
    {{ visits_matched_to_plans('visits', 'plans', 'cp_visit', 'cp_plan') }}

),

final as (

    select
        visits.cp_visit_id,
        visits.child_key,
        visits.cp_visit_date,
        coalesce(visits.is_child_seen, false) as is_child_seen,
        coalesce(visits.is_child_seen_alone, false) as is_child_seen_alone,
        visits.cp_plan_id as recorded_cp_plan_id,
        current_plans_on_visit_date.cp_plan_id
    from visits
    left join current_plans_on_visit_date
        on visits.cp_visit_id = current_plans_on_visit_date.cp_visit_id

)

select * from final
