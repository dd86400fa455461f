{#
    Annex A List 7, child protection (docs/contracts/annex-a.md "List 7"): one row per child
    with a CP plan open at some time in W6 that is not another authority's, the child's latest
    such plan (int_annex_a__cp_plans).
    - Categories of abuse: a) Neglect ... e) Multiple/not recommended, an unknown code blank;
    - Date of the Last Statutory Visit: the child's latest CP visit, seen or not, dated on or
      after the plan start and on or before the plan end or R, whichever is first; Was the
      Child Seen Alone: that visit's flag a) Yes / b) No / c) Unknown, blank with no visit;
    - EPO or police protection: a) Yes / b) No (an L1 or L2 legal status open in W6);
    - Allocated Team / Worker: as List 6 (the involvement at R, else the latest ending in W6,
      else the team and worker of the plan's referral).
#}

with

plans as (select * from {{ ref('int_annex_a__cp_plans') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

visits as (select * from {{ ref('int_annex_a__visits') }}),

allocations as (select * from {{ ref('int_annex_a__allocations') }}),

teams as (select * from {{ ref('int_teams') }}),

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

latest_visits as (
    select
        plans.cp_plan_id,
        visits.visit_date,
        visits.is_child_seen_alone,
        row_number() over (
            partition by plans.cp_plan_id
            order by visits.visit_date desc, visits.is_child_seen_alone desc nulls last, visits.visit_id asc
        ) as visit_recency_rank
    from plans
    inner join visits
        on
        plans.person_id = visits.person_id
        and visits.visit_type = 'cp'
        and plans.cp_plan_start_date <= visits.visit_date
        and plans.last_visit_until >= visits.visit_date
),

allocated as (
    {{ annex_a_allocated_rows('plans') }}
),

final as (
    select
        {{ annex_a_common_columns('allocated.person_id', parameters='allocated') }},
        allocated.cp_plan_start_date,
        {{ annex_a_label('category_of_abuse', 'allocated.initial_category_code') }} as initial_category_of_abuse,
        {{ annex_a_label('category_of_abuse', 'allocated.latest_category_code') }} as latest_category_of_abuse,
        latest_visits.visit_date as last_statutory_visit_date,
        case
            when latest_visits.visit_date is null then null
            when latest_visits.is_child_seen_alone then 'a) Yes'
            when not latest_visits.is_child_seen_alone then 'b) No'
            else 'c) Unknown'
        end as was_child_seen_alone,
        allocated.latest_review_conference_date,
        allocated.cp_plan_end_date,
        case when allocated.has_epo_or_police_protection then 'a) Yes' else 'b) No' end
            as epo_or_police_protection_in_last_six_months,
        allocated.previous_cp_plans,
        {{ annex_a_allocated('allocated.allocated_team_id', 'allocated.allocated_worker_id') }},
        allocated.cp_plan_id as source_id
    from allocated
    left join children
        on allocated.person_id = children.person_id
    left join latest_visits
        on
        allocated.cp_plan_id = latest_visits.cp_plan_id
        and latest_visits.visit_recency_rank = 1
    left join teams
        on allocated.allocated_team_id = teams.team_id
)

select * from final
