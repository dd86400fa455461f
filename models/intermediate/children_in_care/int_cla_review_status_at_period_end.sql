{#
    For each child looked after at P (int_cla_children_at_period), the state at P of the
    review chain of their period of care open at P (kpis-inspection.md
    `cla_reviews_all_on_time`, NI 66 style; macro review_status_at_period_end, shared with
    the CP schedule): only reviews dated on or before P exist.
    - is_review_due: D1 (the 20th working day after the period start) <= P, the KPI's
      population; a short-break period has no chain, so its child is not in it;
    - has_late_review: a review whose due date is in (P - interval 12 months, P] was held
      late (late reviews due before the window do not count);
    - has_missed_review: the next review after the last one dated on or before P (or the
      first, with none) was due on or before P, wherever that due date lies.
#}

with

children as (

    select * from {{ ref('int_cla_children_at_period') }}
    where is_looked_after

),

chains as (select * from {{ ref('int_cla_review_chains') }}),

final as (

    {{ review_status_at_period_end(
        'children', 'chains', ['period_of_care_id'], 'cla_review_date', late_window_months=12
    ) }}

)

select * from final
