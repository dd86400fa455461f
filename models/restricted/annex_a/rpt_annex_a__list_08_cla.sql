{#
    Annex A List 8, children in care (docs/contracts/annex-a.md "List 8"): one row per child
    with a period of care that is not a short break (V3/V4) and is open at R or ended in W6,
    the child's latest such period (int_annex_a__cla_periods, which also gives the category of
    need, the second-period flag, the legal status, the IRO contact and the reason ceased).
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
    - Placement postcode: always blank (annex_a_restricted_fields is not implemented; the
      postcode never leaves staging); rpt_annex_a__notes says so;
    - missing / absent counts: the child's M / A episodes starting in W12; the return
      interview flags of the child's latest M episode ending in W12 (end, then start, then
      id): Y a) Yes, N b) No, anything else c) Unknown; blank without ssd_missing;
    - Reason Ceased: the code as recorded (the contract elides its labels);
    - Allocated Team / Worker: as List 6 (the involvement at R, else the latest ending in W6),
      else the team and worker of the referral of the period's latest episode.
#}
{% set permanence_letters = [
    ('RETURN1M', 'a) Return to family'), ('RETURN6M', 'a) Return to family'),
    ('RETURNEV', 'a) Return to family'), ('REMAINSUP', 'a) Return to family'),
    ('ADOPTION', 'b) Adoption'), ('SUPPLIV', 'd) Supported living in the community'),
    ('RESPLMT', 'e) Long-term residential placement'), ('LTFOST18', 'f) Long-term fostering'),
    ('LTRELFR', 'f) Long-term fostering'), ('OTHERPLN', 'g) other'),
] %}

with

periods as (select * from {{ ref('int_annex_a__cla_periods') }}),

children as (select * from {{ ref('int_annex_a__children') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

reviews as (select * from {{ ref('int_cla_reviews_matched') }}),

visits as (select * from {{ ref('int_annex_a__visits') }}),

care_plans as (select * from {{ ref('stg_ssd__cla_care_plans') }}),

care_plan_codes as (select * from {{ ref('stg_ssd__cla_care_plan_codes') }}),

health_checks as (select * from {{ ref('stg_ssd__cla_health_checks') }}),

merged_placements as (select * from {{ ref('int_cla_placements') }}),

placement_rows as (select * from {{ ref('stg_ssd__cla_placements') }}),

missing_episodes as (select * from {{ ref('stg_ssd__missing_episodes') }}),

allocations as (select * from {{ ref('int_annex_a__allocations') }}),

teams as (select * from {{ ref('int_teams') }}),

referrals as (select * from {{ ref('stg_ssd__cin_episodes') }}),

latest_reviews as (
    select
        periods.child_key,
        max(reviews.cla_review_date) as latest_statutory_review_date
    from periods
    inner join reviews
        on
        periods.child_key = reviews.child_key
        and periods.period_of_care_id = reviews.period_of_care_id
    where reviews.cla_review_date <= periods.as_at_date
    group by periods.child_key
),

last_visits as (
    select
        periods.child_key,
        max(visits.visit_date) as last_social_work_visit_date
    from periods
    inner join visits
        on
        periods.person_id = visits.person_id
        and visits.visit_type = 'cla'
        and periods.period_start_date <= visits.visit_date
        and coalesce(periods.period_end_date, periods.as_at_date) >= visits.visit_date
    group by periods.child_key
),

plans_at_d as (
    select
        periods.child_key,
        care_plans.cla_care_plan_id,
        {{ current_record_rank(['periods.child_key'],
                               ['care_plans.cla_care_plan_start_date', 'cast(care_plans.cla_care_plan_id as varchar)']) }}
            as plan_rank
    from periods
    inner join care_plans
        on
        periods.child_key = care_plans.child_key
        and periods.status_date >= care_plans.cla_care_plan_start_date
        and (
            care_plans.cla_care_plan_end_date is null
            or periods.status_date < care_plans.cla_care_plan_end_date
            or (periods.period_end_date is not null and periods.status_date = care_plans.cla_care_plan_end_date)
        )
),

permanence_plans as (
    select
        plans_at_d.child_key,
        min(case care_plan_codes.permanence_plan_code
            {%- for code, label in permanence_letters %}
            when '{{ code }}' then '{{ label }}'
            {%- endfor %}
        end) as permanence_plan
    from plans_at_d
    inner join care_plan_codes
        on plans_at_d.cla_care_plan_id = care_plan_codes.cla_care_plan_id
    where plans_at_d.plan_rank = 1
    group by plans_at_d.child_key
),

latest_checks as (
    select
        periods.child_key,
        max(case when health_checks.health_check_type_code = 'HEALTH_ASSESSMENT' then health_checks.health_check_date end)
            as last_health_assessment_date,
        max(case when health_checks.health_check_type_code = 'DENTAL_CHECK' then health_checks.health_check_date end)
            as last_dental_check_date
    from periods
    inner join health_checks
        on periods.child_key = health_checks.child_key
    where
        health_checks.health_check_status_code = 'COMPLETED'
        and health_checks.health_check_date <= periods.as_at_date
    group by periods.child_key
),

placement_counts as (
    select
        periods.child_key,
        count(*) as placements_in_last_12_months
    from periods
    cross join parameters
    inner join merged_placements
        on periods.child_key = merged_placements.child_key
    where {{ is_open_during('merged_placements.placement_start_date', 'merged_placements.placement_end_date',
                            'parameters.w12_start', 'parameters.as_at_date') }}
    group by periods.child_key
),

latest_placements as (
    select
        periods.child_key,
        merged_placements.placement_start_date,
        merged_placements.latest_placement_type_code,
        merged_placements.latest_cla_placement_id,
        row_number() over (
            partition by periods.child_key
            order by
                case
                    when {{ is_open_at('merged_placements.placement_start_date', 'merged_placements.placement_end_date',
                                       'periods.status_date') }} then 0
                    else 1
                end,
                merged_placements.placement_start_date desc,
                cast(merged_placements.merged_placement_id as varchar) desc
        ) as placement_rank
    from periods
    inner join merged_placements
        on
        periods.child_key = merged_placements.child_key
        and periods.status_date >= merged_placements.placement_start_date
        and periods.period_start_date < coalesce(merged_placements.placement_end_date, cast('9999-12-31' as date))
),

missing_counts as (
    select
        periods.child_key,
        count(case when missing_episodes.missing_episode_type_code = 'M' then 1 end) as missing_episodes,
        count(case when missing_episodes.missing_episode_type_code = 'A' then 1 end) as absent_episodes
    from periods
    cross join parameters
    inner join missing_episodes
        on periods.child_key = missing_episodes.child_key
    where
        missing_episodes.missing_start_date > parameters.w12_start
        and missing_episodes.missing_start_date <= parameters.as_at_date
    group by periods.child_key
),

last_missing as (
    select
        periods.child_key,
        missing_episodes.rhi_offered_code,
        missing_episodes.rhi_accepted_code,
        row_number() over (
            partition by periods.child_key
            order by
                missing_episodes.missing_end_date desc,
                missing_episodes.missing_start_date desc,
                cast(missing_episodes.missing_episode_id as varchar) desc
        ) as missing_rank
    from periods
    cross join parameters
    inner join missing_episodes
        on periods.child_key = missing_episodes.child_key
    where
        missing_episodes.missing_episode_type_code = 'M'
        and missing_episodes.missing_end_date > parameters.w12_start
        and missing_episodes.missing_end_date <= parameters.as_at_date
),

allocated as (
    select
        periods.*,
        {{ annex_a_allocated_ids('referrals.referral_team_id', 'referrals.referral_worker_id') }}
    from periods
    left join allocations
        on periods.person_id = allocations.person_id
    left join referrals
        on periods.referral_id = referrals.referral_id
),

final as (
    select
        {{ annex_a_common_columns('allocated.person_id') }},
        {{ annex_a_uasc() }} as is_uasc_in_last_12_months,
        allocated.period_start_date as looked_after_start_date,
        {{ annex_a_label('primary_need', 'allocated.primary_need_code') }} as category_of_need,
        case when allocated.is_second_period then 'a) Yes' else 'b) No' end as is_second_period_in_last_12_months,
        allocated.legal_status_start_date,
        coalesce({{ annex_a_label('legal_status', 'allocated.legal_status_code') }}, allocated.legal_status_code)
            as legal_status,
        case
            when parameters.is_cla_reviews_supplied then latest_reviews.latest_statutory_review_date
        end as latest_statutory_review_date,
        last_visits.last_social_work_visit_date,
        case when parameters.is_cla_care_plan_supplied then permanence_plans.permanence_plan end as permanence_plan,
        case when parameters.has_iro_contact_column then allocated.last_iro_contact_date end as last_iro_contact_date,
        latest_checks.last_health_assessment_date,
        latest_checks.last_dental_check_date,
        cast(coalesce(placement_counts.placements_in_last_12_months, 0) as integer) as placements_in_last_12_months,
        allocated.period_end_date as ceased_looked_after_date,
        allocated.ceased_reason_code as reason_ceased_looked_after,
        latest_placements.placement_start_date as latest_placement_start_date,
        latest_placements.latest_placement_type_code as placement_type,
        placement_rows.placement_provider_code as placement_provider,
        cast(null as varchar) as placement_postcode,
        placement_rows.placement_urn,
        case
            when not parameters.has_placement_la_column then null
            when placement_rows.placement_la_location = 'inside' then 'a) In'
            when placement_rows.placement_la_location = 'outside' then 'b) Out'
        end as placement_location,
        case when parameters.has_placement_la_column then placement_rows.placement_la_code end as placement_la,
        case
            when parameters.is_missing_supplied then cast(coalesce(missing_counts.missing_episodes, 0) as integer)
        end as missing_episodes_in_last_12_months,
        case
            when parameters.is_missing_supplied then cast(coalesce(missing_counts.absent_episodes, 0) as integer)
        end as absent_episodes_in_last_12_months,
        case
            when parameters.is_missing_supplied and last_missing.child_key is not null
                then {{ annex_a_label('yes_no', 'last_missing.rhi_offered_code', "'c) Unknown'") }}
        end as was_offered_return_interview,
        case
            when parameters.is_missing_supplied and last_missing.child_key is not null
                then {{ annex_a_label('yes_no', 'last_missing.rhi_accepted_code', "'c) Unknown'") }}
        end as accepted_return_interview,
        {{ annex_a_allocated('allocated.allocated_team_id', 'allocated.allocated_worker_id') }},
        cast(allocated.period_of_care_id as varchar) as source_id
    from allocated
    cross join parameters
    left join children
        on allocated.person_id = children.person_id
    left join latest_reviews
        on allocated.child_key = latest_reviews.child_key
    left join last_visits
        on allocated.child_key = last_visits.child_key
    left join permanence_plans
        on allocated.child_key = permanence_plans.child_key
    left join latest_checks
        on allocated.child_key = latest_checks.child_key
    left join placement_counts
        on allocated.child_key = placement_counts.child_key
    left join latest_placements
        on
        allocated.child_key = latest_placements.child_key
        and latest_placements.placement_rank = 1
    left join placement_rows
        on latest_placements.latest_cla_placement_id = placement_rows.cla_placement_id
    left join missing_counts
        on allocated.child_key = missing_counts.child_key
    left join last_missing
        on
        allocated.child_key = last_missing.child_key
        and last_missing.missing_rank = 1
    left join teams
        on allocated.allocated_team_id = teams.team_id
)

select * from final
