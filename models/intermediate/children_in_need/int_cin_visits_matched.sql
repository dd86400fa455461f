{#
    One row per CIN visit, matched to the child's current CIN plan on the visit date
    by person and date (kpis.md: the plan id on a visit row is not used). The current
    plan on the visit date is macro visits_matched_to_plans (shared by CIN and CP);
    null when no plan is open.
#}

with

visits as (select * from {{ ref('stg_ssd__cin_visits') }}),

plans as (select * from {{ ref('stg_ssd__cin_plans') }}),

current_plans_on_visit_date as (

    -- the current plan on the visit date (macro visits_matched_to_plans)
    {{ visits_matched_to_plans('visits', 'plans', 'cin_visit', 'cin_plan') }}

),

final as (

    select
        visits.cin_visit_id,
        visits.child_key,
        visits.cin_visit_date,
        coalesce(visits.is_child_seen, false) as is_child_seen,
        coalesce(visits.is_child_seen_alone, false) as is_child_seen_alone,
        coalesce(visits.is_bedroom_seen, false) as is_bedroom_seen,
        current_plans_on_visit_date.cin_plan_id
    from visits
    left join current_plans_on_visit_date
        on visits.cin_visit_id = current_plans_on_visit_date.cin_visit_id

)

select * from final
