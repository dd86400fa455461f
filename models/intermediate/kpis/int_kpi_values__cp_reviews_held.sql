{#
    The CP review timeliness KPI of kpis-inspection.md (see _int_kpis__marts_one.yml;
    catalogue area `child_protection`): every review conference held, matched to a plan
    (int_cp_review_chains) and dated in the window is a unit of `cp_reviews_timely`.
#}

with

{{ kpi_periods('child_protection', ['cp_reviews_timely']) }},

review_chains as (select * from {{ ref('int_cp_review_chains') }}),

held_reviews as (

    -- the review conferences held and matched to a plan (row 0 of a chain is no review)
    select * from review_chains
    where review_number >= 1

),

reviews_in_windows as (

    {{ kpi_rows('held_reviews', ['cp_reviews_timely'], 'cp_review_date') }}

),

units as (

    -- a review conference is on time when held on or before its due date
    select
        kpi_id,
        period_end,
        case when is_late then 0 else 1 end as numerator,
        1 as denominator
    from reviews_in_windows

),

{{ kpi_values_from_units([]) }}

select * from final
