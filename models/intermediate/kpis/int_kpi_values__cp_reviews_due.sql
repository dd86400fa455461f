{#
    The CP review KPI at P of kpis-inspection.md (see _int_kpis__marts_one.yml; catalogue
    area `child_protection`): every child whose current plan has a review due by P
    (int_cp_review_status_at_period_end) is a unit of `cp_reviews_all_on_time`.
#}

with

{{ kpi_periods('child_protection', ['cp_reviews_all_on_time']) }},

review_status as (select * from {{ ref('int_cp_review_status_at_period_end') }}),

children_with_a_review_due as (

    {{ kpi_rows('review_status', ['cp_reviews_all_on_time']) }}

),

units as (

    -- children whose current plan has a review due by P: none late, none missed
    select
        kpi_id,
        period_end,
        case when has_late_review or has_missed_review then 0 else 1 end as numerator,
        1 as denominator
    from children_with_a_review_due
    where is_review_due

),

{{ kpi_values_from_units([]) }}

select * from final
