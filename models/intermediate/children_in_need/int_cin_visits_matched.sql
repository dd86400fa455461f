{#
    One row per CIN visit, matched to the child's current CIN plan on the visit date
    by person and date (kpis.md: the plan id on a visit row is not used). The current
    plan on the visit date is macro visits_matched_to_plans (shared by CIN and CP);
    null when no plan is open; the seen flags are false when blank.
#}

with

visits as (select * from {{ ref('stg_ssd__cin_visits') }}),

plans as (select * from {{ ref('stg_ssd__cin_plans') }}),

final as (

    {{ visits_matched_to_plans(
        'visits', 'plans', 'cin_visit', 'cin_plan',
        flags=['is_child_seen', 'is_child_seen_alone', 'is_bedroom_seen']
    ) }}

)

select * from final
