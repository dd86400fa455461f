{#
    The CP review schedule (kpis-inspection.md "Review schedules", Working Together 2023):
    for every CP plan, one row `review_number` 0 (before any review: when the first is
    due) and one row per held review conference matched to the plan
    (int_cp_reviews_matched), in order, with its due date, whether it was late and when the
    next is due. Anchor A = the plan start (the ICPC date, CIN rule 2885); review 1 is due A
    + interval 3 months, review 2 review 1 + interval 6 months, later ones the previous
    review + interval 6 months (macro review_chain, shared with the CLA schedule).

    Review history: var review_history_start, by default the earliest review date in
    ssd_cp_reviews (H). A plan that started before H is restarted: its first review on or
    after H is held on time and the next is due 6 months after it; with no such review yet
    the first is due H + interval 3 months (H taken as the anchor).
#}

with

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

reviews as (select * from {{ ref('stg_ssd__cp_reviews') }}),

matched_reviews as (select * from {{ ref('int_cp_reviews_matched') }}),

review_history as (

    -- the first date the review file is taken to hold every review from
    {{ review_history_start('reviews', 'cp_review_date') }}

),

anchored_plans as (

    select
        plans.cp_plan_id as record_id,
        plans.child_key,
        plans.cp_plan_start_date as anchor_date,
        cast({{ dbt.dateadd('month', 3, 'plans.cp_plan_start_date') }} as date) as first_due_date,
        review_history.history_start_date,
        cast({{ dbt.dateadd('month', 3, 'review_history.history_start_date') }} as date)
            as first_due_date_from_history_start
    from plans
    cross join review_history

),

plan_reviews as (

    select
        anchored_plans.record_id,
        matched_reviews.cp_review_id as review_id,
        matched_reviews.cp_review_date as review_date,
        anchored_plans.anchor_date,
        anchored_plans.first_due_date,
        anchored_plans.history_start_date
    from matched_reviews
    inner join anchored_plans
        on matched_reviews.cp_plan_id = anchored_plans.record_id

),

final as (

    {{ review_chain(
        'plan_reviews', 'anchored_plans', 6, 'usable_reviews.review_date > usable_reviews.first_due_date',
        review='cp_review', record_id_as='cp_plan_id'
    ) }}

)

select * from final
