{#
    Annex A List 6, children in need (docs/contracts/annex-a.md "List 6"): one row per child
    with a CIN episode that is not NFA and is open at some time in W6, the episode and Case
    Status of int_annex_a__cin_episodes. Care leavers (the young people of List 9, int_annex_a__care_leavers) are not
    listed.
    - Date Child Was Last Seen: the latest seen visit (CIN, CP or CLA, seen flag Y) dated on
      or after the referral date and on or before the closure date or R, whichever is first;
    - CIN Closure Date and Reason for Closure: blank unless closed on or before R;
    - Allocated Team / Worker: the child's involvement at R, else the latest ending in W6
      (int_annex_a__allocations), else the referral's team and worker.
#}

with

episodes as (select * from {{ ref('int_annex_a__cin_episodes') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

visits as (select * from {{ ref('int_annex_a__visits') }}),

allocations as (select * from {{ ref('int_annex_a__allocations') }}),

teams as (select * from {{ ref('int_teams') }}),

care_leavers as (select * from {{ ref('int_annex_a__care_leavers') }}),

last_seen as (
    {{ annex_a_last_visit(
        'episodes', 'referral_id', 'referral_date', 'episodes.last_seen_until',
        'visits.is_child_seen', 'date_child_last_seen'
    ) }}
),

allocated as (
    select
        episodes.*,
        {{ annex_a_allocated_ids('episodes.referral_team_id', 'episodes.referral_worker_id') }}
    from episodes
    left join allocations
        on episodes.person_id = allocations.person_id
    left join care_leavers
        on episodes.person_id = care_leavers.person_id
    where care_leavers.person_id is null
),

final as (
    select
        {{ annex_a_common_columns('allocated.person_id', parameters='allocated') }},
        allocated.referral_date as cin_start_date,
        {{ annex_a_label('primary_need', 'allocated.primary_need_code') }} as primary_need_code,
        last_seen.date_child_last_seen,
        allocated.close_date as cin_closure_date,
        {{ annex_a_label('closure_reason', 'allocated.close_reason_code') }} as closure_reason,
        allocated.case_status,
        {{ annex_a_allocated('allocated.allocated_team_id', 'allocated.allocated_worker_id') }},
        allocated.referral_id as source_id
    from allocated
    left join children
        on allocated.person_id = children.person_id
    left join last_seen
        on allocated.referral_id = last_seen.referral_id
    left join teams
        on allocated.allocated_team_id = teams.team_id
)

select * from final
