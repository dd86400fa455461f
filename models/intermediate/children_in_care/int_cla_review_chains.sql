{#
    The CLA review schedule (kpis-inspection.md "Review schedules"; Care Planning,
    Placement and Case Review (England) Regulations 2010, reg 33): for every period of care
    that is not a short-break period, one row `review_number` 0 (when the first review is
    due) and one row per review matched to it (int_cla_reviews_matched), in order, with its
    due date, whether it was late and when the next is due. Anchor A = the period start; a
    new period restarts the schedule, a new episode in the same period does not.
    - Review 1 is due on D1 = the var cla_first_review_working_days-th (20th) working day
      after A, and is late when more than 20 working days after A (the KPI's words: working
      days from start to review <= 20; so a review on the weekend after D1 is on time);
    - review 2 is due review 1 + interval 3 months, later ones the previous review +
      interval 6 months (macro review_chain, shared with the CP schedule).
    Review history: var review_history_start, by default the earliest review date in
    ssd_cla_reviews (H). A period that started before H restarts its chain at its first
    review on or after H (on time; the next due 6 months later); with no such review its
    first is due on the 20th working day after H.
#}
{%- set first_review_working_days = var('cla_first_review_working_days') | int %}

with

periods_of_care as (select * from {{ ref('int_cla_periods_of_care') }}),

reviews as (select * from {{ ref('stg_ssd__cla_reviews') }}),

matched_reviews as (select * from {{ ref('int_cla_reviews_matched') }}),

calendar as (select * from {{ ref('int_dates') }}),

review_history as (

    -- the first date the review file is taken to hold every review from
    {{ review_history_start('reviews', 'cla_review_date') }}

),

anchored_periods as (

    -- D1 from the period start, and from the history start for a restarted chain: the day
    -- that is the Nth working day after the anchor (null outside the calendar)
    select
        periods_of_care.child_key,
        periods_of_care.period_of_care_id,
        periods_of_care.child_key || '/' || periods_of_care.period_of_care_id as record_id,
        periods_of_care.period_start_date as anchor_date,
        start_day.working_day_index as anchor_working_day_index,
        review_history.history_start_date,
        first_due_day.date_day as first_due_date,
        first_due_day_from_history.date_day as first_due_date_from_history_start
    from periods_of_care
    cross join review_history
    left join calendar as start_day
        on periods_of_care.period_start_date = start_day.date_day
    left join calendar as first_due_day
        on
        first_due_day.is_working_day
        and first_due_day.working_day_index = start_day.working_day_index + {{ first_review_working_days }}
    left join calendar as history_day
        on review_history.history_start_date = history_day.date_day
    left join calendar as first_due_day_from_history
        on
        first_due_day_from_history.is_working_day
        and first_due_day_from_history.working_day_index
        = history_day.working_day_index + {{ first_review_working_days }}
    where not periods_of_care.is_short_break_period

),

period_reviews as (

    select
        anchored_periods.record_id,
        matched_reviews.cla_review_id as review_id,
        matched_reviews.cla_review_date as review_date,
        anchored_periods.anchor_date,
        anchored_periods.first_due_date,
        anchored_periods.history_start_date,
        review_day.working_day_index - anchored_periods.anchor_working_day_index
            as working_days_from_start
    from matched_reviews
    inner join anchored_periods
        on
        matched_reviews.child_key = anchored_periods.child_key
        and matched_reviews.period_of_care_id = anchored_periods.period_of_care_id
    left join calendar as review_day
        on matched_reviews.cla_review_date = review_day.date_day

),

final as (

    {{ review_chain(
        'period_reviews', 'anchored_periods', 3,
        'coalesce(working_days_from_start > ' ~ first_review_working_days
        ~ ', usable_reviews.review_date > usable_reviews.first_due_date)',
        review='cla_review', record_columns=['child_key', 'period_of_care_id']
    ) }}

)

select * from final
