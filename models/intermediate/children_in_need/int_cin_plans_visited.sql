{#
    One row per CIN plan with the locality and service of the plan team and the
    child's seen visits matched to the plan (int_cin_visits_matched: by person and date,
    to the child's current plan on the visit date).
#}

with

plans as (select * from {{ ref('stg_ssd__cin_plans') }}),

visits as (select * from {{ ref('int_cin_visits_matched') }}),

teams as (select * from {{ ref('int_teams') }}),

seen_visits_in_plan as (

    {{ seen_visits_per_plan('visits', 'cin_plan', 'cin_visit_date') }}

),

final as (

    select
        plans.cin_plan_id,
        plans.referral_id,
        plans.child_key,
        plans.cin_plan_start_date,
        plans.cin_plan_end_date,
        {{ team_attributes('plans.cin_plan_team_id') }},
        seen_visits_in_plan.last_seen_visit_date,
        coalesce(seen_visits_in_plan.seen_visit_count, 0) as seen_visit_count
    from plans
    left join seen_visits_in_plan
        on plans.cin_plan_id = seen_visits_in_plan.cin_plan_id
    left join teams
        on plans.cin_plan_team_id = teams.team_id

)

select * from final
