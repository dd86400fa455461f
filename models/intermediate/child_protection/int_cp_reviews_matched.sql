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
    The matching is macro reviews_matched_to_records (shared by CP and CLA).
#}

with

reviews as (select * from {{ ref('stg_ssd__cp_reviews') }}),

plans as (select * from {{ ref('int_cp_plans_flagged') }}),

final as (

    {{ reviews_matched_to_records(
        'reviews', 'plans', 'cp_review', 'cp_plan_id', 'cp_plan_start_date', 'cp_plan_end_date',
        matches_on_start_date=false
    ) }}

)

select * from final
