{#
    The CLA review timeliness KPI of kpis-inspection.md (see _int_kpis__marts_two.yml;
    catalogue area `children_in_care`): every review held, matched to a period of care
    that is not a short-break period (int_cla_review_chains) and dated in the window is a
    unit of `cla_reviews_timely`.
#}

with

{{ kpi_periods('children_in_care', ['cla_reviews_timely']) }},

review_chains as (select * from {{ ref('int_cla_review_chains') }}),

held_reviews as (

    -- the reviews held and matched to a period of care that is not a short-break period
    -- (row 0 of a chain is no review)
    select * from review_chains
    where review_number >= 1

),

reviews_in_windows as (

    {{ kpi_rows('held_reviews', ['cla_reviews_timely'], 'cla_review_date') }}

),

units as (

    -- a review is on time when held by its due date (review 1: within 20 working days)
    select
        kpi_id,
        period_end,
        case when is_late then 0 else 1 end as numerator,
        1 as denominator
    from reviews_in_windows

),

{{ kpi_values_from_units([]) }}

select * from final
