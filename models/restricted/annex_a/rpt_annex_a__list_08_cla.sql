{#
    Annex A List 8, children in care (docs/contracts/annex-a.md "List 8"): one row per child
    with a period of care that is not a short break (V3/V4) and is open at R or ended in W6,
    the child's latest such period (int_annex_a__cla_periods, which also gives the category of
    need, the second-period flag, the legal status, the IRO contact and the reason ceased;
    int_annex_a__cla_care adds the review, visit and permanence plan, int_annex_a__cla_placements
    the health checks, placements and missing episodes; each says how).
    D is the period's end when it ended on or before R, else R. Every date after R is blank.
    - UASC: a UASC row open at some time in W12 (as List 9), blank without ssd_immigration_status;
    - Category of need: labelled as List 6's primary need; Legal status: the contract's labels
      where it gives them (C1, C2, D1, E1, V2, L2), the code as recorded for the others (L1,
      L3, J1-J3, whose labels it elides, and any other code);
    - Date of Latest Statutory Review: the latest held, not-cancelled review matched to the
      period (int_cla_reviews_matched), on or before R;
    - Date of Last Social Work Visit: the latest CLA visit (seen or not) dated on or after the
      period's start and on or before its end or R, whichever is first;
    - Permanence plan: the ssd_cla_care_plan row open at D (current record: latest start, then
      id; for an ended period, as for the legal status, a plan running on its last day), its
      codes labelled, the lowest letter when several; c) SGO/CAO is never produced
      (Assumption of the contract); blank without a plan at D;
    - health assessment / dental check: the child's latest COMPLETED check of that type on or
      before R, whatever the period;
    - Number of Placements in the Last 12 months: the child's merged placements
      (int_cla_placements) open at some time in (R - 12 months, R];
    - Most recent placement: our reading of "the merged placement open at R, else the period's
      last one": of the merged placements starting on or before D and not ended on or before
      the period's start, the one open at D, else the latest started (then the greatest id);
      its type (the last row's), and its last row's provider, URN and LA, output as recorded
      (the contract does not list their labels: Settled points); Placement Location a) In /
      b) Out from the LA (blank when unknown); LA columns blank without clap_cla_placement_la;
    - Placement postcode: always blank (annex_a_restricted_fields = true is refused; the
      postcode never leaves staging); rpt_annex_a__notes says so;
    - missing / absent counts: the child's M / A episodes starting in W12; the return
      interview flags of the child's latest M episode ending in W12 (end, then start, then
      id): Y a) Yes, N b) No, anything else c) Unknown; blank without ssd_missing;
    - Reason Ceased: the code as recorded (the contract elides its labels);
    - Allocated Team / Worker: as List 6 (the involvement at R, else the latest ending in W6),
      else the team and worker of the referral of the period's latest episode.
#}

with

periods as (select * from {{ ref('int_annex_a__cla_placements') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

allocations as (select * from {{ ref('int_annex_a__allocations') }}),

teams as (select * from {{ ref('int_teams') }}),

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

allocated as (
    {{ annex_a_allocated_rows('periods') }}
),

final as (
    select
        {{ annex_a_common_columns('allocated.person_id', parameters='allocated') }},
        {{ annex_a_uasc(parameters='allocated') }} as is_uasc_in_last_12_months,
        allocated.period_start_date as looked_after_start_date,
        {{ annex_a_label('primary_need', 'allocated.primary_need_code') }} as category_of_need,
        case when allocated.is_second_period then 'a) Yes' else 'b) No' end as is_second_period_in_last_12_months,
        allocated.legal_status_start_date,
        coalesce({{ annex_a_label('legal_status', 'allocated.legal_status_code') }}, allocated.legal_status_code)
            as legal_status,
        case
            when allocated.is_cla_reviews_supplied then allocated.latest_statutory_review_date
        end as latest_statutory_review_date,
        allocated.last_social_work_visit_date,
        case when allocated.is_cla_care_plan_supplied then allocated.permanence_plan end as permanence_plan,
        case when allocated.has_iro_contact_column then allocated.last_iro_contact_date end as last_iro_contact_date,
        allocated.last_health_assessment_date,
        allocated.last_dental_check_date,
        cast(allocated.placements_in_last_12_months as integer) as placements_in_last_12_months,
        allocated.period_end_date as ceased_looked_after_date,
        allocated.ceased_reason_code as reason_ceased_looked_after,
        allocated.latest_placement_start_date,
        allocated.placement_type_code as placement_type,
        allocated.placement_provider_code as placement_provider,
        cast(null as {{ dbt.type_string() }}) as placement_postcode,
        allocated.placement_urn,
        case
            when not allocated.has_placement_la_column then null
            when allocated.placement_la_location = 'inside' then 'a) In'
            when allocated.placement_la_location = 'outside' then 'b) Out'
        end as placement_location,
        case when allocated.has_placement_la_column then allocated.placement_la_code end as placement_la,
        case
            when allocated.is_missing_supplied then cast(allocated.missing_episodes as integer)
        end as missing_episodes_in_last_12_months,
        case
            when allocated.is_missing_supplied then cast(allocated.absent_episodes as integer)
        end as absent_episodes_in_last_12_months,
        case
            when allocated.is_missing_supplied and allocated.has_missing_in_w12
                then {{ annex_a_label('yes_no', 'allocated.rhi_offered_code', "'c) Unknown'") }}
        end as was_offered_return_interview,
        case
            when allocated.is_missing_supplied and allocated.has_missing_in_w12
                then {{ annex_a_label('yes_no', 'allocated.rhi_accepted_code', "'c) Unknown'") }}
        end as accepted_return_interview,
        {{ annex_a_allocated('allocated.allocated_team_id', 'allocated.allocated_worker_id') }},
        cast(allocated.period_of_care_id as {{ dbt.type_string() }}) as source_id
    from allocated
    left join children
        on allocated.person_id = children.person_id
    left join teams
        on allocated.allocated_team_id = teams.team_id
)

select * from final
