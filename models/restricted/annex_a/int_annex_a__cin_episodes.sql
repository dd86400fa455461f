{#
    The CIN episode of each child for Annex A List 6 (docs/contracts/annex-a.md "List 6"), one
    row per child: of the child's episodes that are not NFA (the NFA flag not Y) and are open at
    some time in W6 (referral on or before R; closed null or after R - 6 months), the one with
    the latest referral date, then the greatest id. With its Case Status at R, the first that
    applies: closed on or before R e) Closed episode; looked after at R (a period of care that
    is not a short break open at R) a) Looked after child; a CP plan open at R b) Child
    Protection plan; a CIN plan open at R c) Child in need plan; an assessment open at R (not
    authorised by R) d) Open assessment; else c) Child in need plan (as the SSD SQL).
    It carries R and is_disability_supplied for List 6.
#}

with

episodes as (select * from {{ ref('stg_ssd__cin_episodes') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

periods as (select * from {{ ref('int_cla_periods_of_care') }}),

cp_plans as (select * from {{ ref('stg_ssd__cp_plans') }}),

cin_plans as (select * from {{ ref('stg_ssd__cin_plans') }}),

assessments as (select * from {{ ref('stg_ssd__cin_assessments') }}),

in_window as (
    {{ annex_a_open_in_w6('episodes', 'person_id', 'referral_date', 'close_date', 'referral_id',
                          'coalesce(episodes.is_referral_nfa, false)', 'episode_recency_rank') }}
),

looked_after_at_r as (
    {{ annex_a_children_open_at_r('periods', 'period_start_date', 'period_end_date',
                                  'not periods.is_short_break_period') }}
),

cp_plan_at_r as (
    {{ annex_a_children_open_at_r('cp_plans', 'cp_plan_start_date', 'cp_plan_end_date') }}
),

cin_plan_at_r as (
    {{ annex_a_children_open_at_r('cin_plans', 'cin_plan_start_date', 'cin_plan_end_date') }}
),

assessment_at_r as (
    {{ annex_a_children_open_at_r('assessments', 'assessment_start_date', 'assessment_auth_date') }}
),

final as (
    select
        in_window.person_id,
        in_window.referral_id,
        in_window.referral_date,
        in_window.primary_need_code,
        {{ annex_a_by_r('in_window.close_date') }} as close_date,
        {{ annex_a_by_r('in_window.close_date', 'in_window.close_reason_code') }} as close_reason_code,
        case
            when in_window.close_date <= parameters.as_at_date then 'e) Closed episode'
            when looked_after_at_r.child_key is not null then 'a) Looked after child'
            when cp_plan_at_r.child_key is not null then 'b) Child Protection plan'
            when cin_plan_at_r.child_key is not null then 'c) Child in need plan'
            when assessment_at_r.child_key is not null then 'd) Open assessment'
            else 'c) Child in need plan'
        end as case_status,
        {{ annex_a_end_or_r('in_window.close_date') }} as last_seen_until,
        in_window.referral_team_id,
        in_window.referral_worker_id,
        parameters.as_at_date,
        parameters.is_disability_supplied
    from in_window
    cross join parameters
    left join looked_after_at_r
        on in_window.child_key = looked_after_at_r.child_key
    left join cp_plan_at_r
        on in_window.child_key = cp_plan_at_r.child_key
    left join cin_plan_at_r
        on in_window.child_key = cin_plan_at_r.child_key
    left join assessment_at_r
        on in_window.child_key = assessment_at_r.child_key
    where in_window.episode_recency_rank = 1
)

select * from final
