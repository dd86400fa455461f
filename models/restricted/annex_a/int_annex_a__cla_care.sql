{#
    The List 8 period of each child (int_annex_a__cla_periods) with its review, visit and
    permanence plan (docs/contracts/annex-a.md "List 8"), one row per child:
    - latest_statutory_review_date: the latest held, not-cancelled review matched to the
      period (int_cla_reviews_matched), on or before R;
    - last_social_work_visit_date: the latest CLA visit (seen or not) dated on or after the
      period's start and on or before its end or R, whichever is first;
    - permanence_plan: the ssd_cla_care_plan row open at D (current record: latest start,
      then id; for an ended period, as for the legal status, a plan running on its last day:
      macro annex_a_record_at_d),
      its codes labelled, the lowest letter when several; c) SGO/CAO has no SSD code and is
      never produced (Assumption of the contract); null without a plan at D.
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

reviews as (select * from {{ ref('int_cla_reviews_matched') }}),

visits as (select * from {{ ref('int_annex_a__visits') }}),

care_plans as (select * from {{ ref('stg_ssd__cla_care_plans') }}),

care_plan_codes as (select * from {{ ref('stg_ssd__cla_care_plan_codes') }}),

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
    {{ annex_a_last_visit(
        'periods', 'child_key', 'period_start_date', 'coalesce(periods.period_end_date, periods.as_at_date)',
        "visits.visit_type = 'cla'", 'last_social_work_visit_date'
    ) }}
),

plans_at_d as (
    {{ annex_a_record_at_d('periods', 'care_plans', 'cla_care_plan_id', 'cla_care_plan_start_date',
                           'cla_care_plan_end_date', 'periods.period_end_date is not null') }}
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
    group by plans_at_d.child_key
),

final as (
    select
        periods.*,
        latest_reviews.latest_statutory_review_date,
        last_visits.last_social_work_visit_date,
        permanence_plans.permanence_plan
    from periods
    left join latest_reviews
        on periods.child_key = latest_reviews.child_key
    left join last_visits
        on periods.child_key = last_visits.child_key
    left join permanence_plans
        on periods.child_key = permanence_plans.child_key
)

select * from final
