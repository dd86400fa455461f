{#
    One row per CP visit, matched to the child's current CP plan on the visit date
    by person and date (kpis.md: the plan id on a visit row is not used; it is kept
    as `recorded_cp_plan_id` for data-quality checks). The current plan on the visit
    date is macro visits_matched_to_plans (shared by CIN and CP); null when no plan is
    open; the seen flags are false when blank.
#}

with

visits as (select * from {{ ref('stg_ssd__cp_visits') }}),

plans as (select * from {{ ref('stg_ssd__cp_plans') }}),

final as (

    {{ visits_matched_to_plans(
        'visits', 'plans', 'cp_visit', 'cp_plan',
        flags=['is_child_seen', 'is_child_seen_alone'],
        kept_columns=['visits.cp_plan_id as recorded_cp_plan_id']
    ) }}

)

select * from final
