{#
    For each child with a CP plan open at P (int_cp_children_at_period_end, the current
    plan), the state of that plan's review chain at P (kpis-inspection.md
    `cp_reviews_all_on_time`; macro review_status_at_period_end, shared with the CLA
    schedule): only reviews dated on or before P exist.
    - is_review_due: D1 = plan start + interval 3 months <= P, the KPI's population;
    - has_late_review: a review of the plan dated on or before P was held after its due
      date (the whole current plan is judged);
    - has_missed_review: the next review after the last one dated on or before P (or the
      first, with none) was due on or before P.
#}

with

children as (select * from {{ ref('int_cp_children_at_period_end') }}),

chains as (select * from {{ ref('int_cp_review_chains') }}),

final as (

    {{ review_status_at_period_end('children', 'chains', ['cp_plan_id'], 'cp_review_date') }}

)

select * from final
