{#
    The CP plan of each child for Annex A List 7 (docs/contracts/annex-a.md "List 7"), one row
    per child: of the child's plans open at some time in W6 (start on or before R; end null or
    after R - 6 months), leaving out another authority's plans (cppl_cp_plan_ola = Y), the
    latest (start date, then id), with:
    - latest_review_conference_date: the latest review conference matched to the plan
      (int_cp_reviews_matched, kpis-inspection.md "Review matching") on or before R;
    - has_epo_or_police_protection: a legal status L1 or L2 of the child open at some time
      in W6;
    - previous_cp_plans: the child's plans starting before this plan's start;
    - the end date only when on or before R; last_visit_until: the end or R, whichever is first.
    It carries R and is_disability_supplied for List 7.
#}

with

plans as (select * from {{ ref('stg_ssd__cp_plans') }}),

parameters as (select * from {{ ref('int_annex_a__parameters') }}),

reviews as (select * from {{ ref('int_cp_reviews_matched') }}),

legal_statuses as (select * from {{ ref('int_cla_legal_statuses') }}),

in_window as (
    {{ annex_a_open_in_w6('plans', 'person_id', 'cp_plan_start_date', 'cp_plan_end_date', 'cp_plan_id',
                          'plans.is_other_la_plan', 'plan_recency_rank') }}
),

latest_reviews as (
    select
        reviews.cp_plan_id,
        max(reviews.cp_review_date) as latest_review_conference_date
    from reviews
    cross join parameters
    where reviews.cp_review_date <= parameters.as_at_date
    group by reviews.cp_plan_id
),

protected_in_w6 as (
    select distinct legal_statuses.child_key
    from legal_statuses
    cross join parameters
    where
        legal_statuses.legal_status_code in ('L1', 'L2')
        and {{ is_open_during('legal_statuses.legal_status_start_date', 'legal_statuses.legal_status_end_date',
                              'parameters.w6_start', 'parameters.as_at_date') }}
),

previous_plans as (
    select
        plan.cp_plan_id,
        count(*) as previous_cp_plans
    from in_window as plan
    inner join plans as earlier
        on
        plan.person_id = earlier.person_id
        and plan.cp_plan_id <> earlier.cp_plan_id
        and plan.cp_plan_start_date > earlier.cp_plan_start_date
    where plan.plan_recency_rank = 1
    group by plan.cp_plan_id
),

final as (
    select
        in_window.person_id,
        in_window.cp_plan_id,
        in_window.referral_id,
        in_window.cp_plan_start_date,
        in_window.initial_category_code,
        in_window.latest_category_code,
        {{ annex_a_by_r('in_window.cp_plan_end_date') }} as cp_plan_end_date,
        {{ annex_a_end_or_r('in_window.cp_plan_end_date') }} as last_visit_until,
        latest_reviews.latest_review_conference_date,
        protected_in_w6.child_key is not null as has_epo_or_police_protection,
        coalesce(previous_plans.previous_cp_plans, 0) as previous_cp_plans,
        parameters.as_at_date,
        parameters.is_disability_supplied
    from in_window
    cross join parameters
    left join latest_reviews
        on in_window.cp_plan_id = latest_reviews.cp_plan_id
    left join protected_in_w6
        on in_window.child_key = protected_in_w6.child_key
    left join previous_plans
        on in_window.cp_plan_id = previous_plans.cp_plan_id
    where in_window.plan_recency_rank = 1
)

select * from final
