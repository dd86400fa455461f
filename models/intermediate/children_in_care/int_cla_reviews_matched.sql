{#
    One row per held CLA review (ssd_cla_reviews) of a child, matched to a period of care
    by person and date (kpis-inspection.md "Review matching"):
    - cancelled rows and rows with a null review date are dropped first (never held);
      rows whose person is unresolved (clar_cla_id not found or naming several people:
      staging) are left out and reported there;
    - several rows of one child on one date count once: the first in file order;
    - a review matches a period of care of the same child dated on or after its start and
      on or before its end (no end: no limit); of several, the current record (latest
      start, then greatest id as text); clar_cla_id only finds the person;
    - matched among all periods of care; the review KPIs then leave out the reviews of a
      short-break period (is_short_break_period), whose schedule reg 48 sets apart.
    A review matching no period is kept with a null period_of_care_id, for the findings.
#}

with

reviews as (select * from {{ ref('stg_ssd__cla_reviews') }}),

periods_of_care as (select * from {{ ref('int_cla_periods_of_care') }}),

held_reviews as (

    select
        cla_review_id,
        child_key,
        cla_review_date,
        row_number() over (
            partition by child_key, cla_review_date order by landing_row_number
        ) as same_day_order
    from reviews
    where
        cla_review_date is not null
        and not coalesce(is_cancelled, false)
        and child_key is not null

),

reviews_with_periods as (

    select
        held_reviews.cla_review_id,
        held_reviews.child_key,
        held_reviews.cla_review_date,
        periods_of_care.period_of_care_id,
        periods_of_care.period_start_date,
        periods_of_care.is_short_break_period,
        {{ current_record_rank(
            ['held_reviews.cla_review_id'],
            ['periods_of_care.period_start_date', 'cast(periods_of_care.period_of_care_id as varchar)']
        ) }} as period_recency_rank
    from held_reviews
    left join periods_of_care
        on
        held_reviews.child_key = periods_of_care.child_key
        and held_reviews.cla_review_date >= periods_of_care.period_start_date
        and (
            periods_of_care.period_end_date is null
            or held_reviews.cla_review_date <= periods_of_care.period_end_date
        )
    where held_reviews.same_day_order = 1

),

final as (

    select
        cla_review_id,
        child_key,
        cla_review_date,
        period_of_care_id,
        period_start_date,
        coalesce(is_short_break_period, false) as is_short_break_period
    from reviews_with_periods
    where period_recency_rank = 1

)

select * from final
