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
    The matching is macro reviews_matched_to_records (shared by CP and CLA).
#}

with

reviews as (select * from {{ ref('stg_ssd__cla_reviews') }}),

periods_of_care as (select * from {{ ref('int_cla_periods_of_care') }}),

final as (

    {{ reviews_matched_to_records(
        'reviews', 'periods_of_care', 'cla_review', 'period_of_care_id', 'period_start_date', 'period_end_date',
        matches_on_start_date=true,
        held_condition='not coalesce(is_cancelled, false)',
        record_flags=['is_short_break_period']
    ) }}

)

select * from final
