{#
    One row per held CP review conference of a child (ssd_cp_reviews), matched to a CP
    plan by person and date (kpis-inspection.md "Review matching"; the plan id on the
    review row is not used):
    - a row with a null review date is a planned review: never held, left out here;
    - several rows of one child on one date count once: the first in file order;
    - a review matches a plan of the same child when dated after the plan start and on or
      before its end (no end: no limit), so a review on the day one plan ends and the next
      starts goes to the ending plan, and one on a plan's start date matches none;
    - of several matching plans, the current record: latest start, then greatest id as text;
    - a review that matches no plan is kept with a null cp_plan_id, for the data-quality
      findings, and is used by no KPI.
#}

with

reviews as (select * from {{ ref('stg_ssd__cp_reviews') }}),

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

held_reviews as (

    select
        cp_review_id,
        child_key,
        cp_review_date,
        row_number() over (
            partition by child_key, cp_review_date order by landing_row_number
        ) as same_day_order
    from reviews
    where cp_review_date is not null and child_key is not null

),

reviews_with_plans as (

    select
        held_reviews.cp_review_id,
        held_reviews.child_key,
        held_reviews.cp_review_date,
        plans.cp_plan_id,
        plans.cp_plan_start_date,
        {{ current_record_rank(
            ['held_reviews.cp_review_id'],
            ['plans.cp_plan_start_date', 'cast(plans.cp_plan_id as varchar)']
        ) }} as plan_recency_rank
    from held_reviews
    left join plans
        on
        held_reviews.child_key = plans.child_key
        and held_reviews.cp_review_date > plans.cp_plan_start_date
        and (plans.cp_plan_end_date is null or held_reviews.cp_review_date <= plans.cp_plan_end_date)
    where held_reviews.same_day_order = 1

),

final as (

    select
        cp_review_id,
        child_key,
        cp_review_date,
        cp_plan_id,
        cp_plan_start_date
    from reviews_with_plans
    where plan_recency_rank = 1

)

select * from final
