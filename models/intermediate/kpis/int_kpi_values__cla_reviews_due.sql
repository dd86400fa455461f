{#
    The CLA review KPI at P of kpis-inspection.md (see _int_kpis__marts_two.yml; catalogue
    area `children_in_care`): every child whose period of care has a review due by P
    (int_cla_review_status_at_period_end) is a unit of `cla_reviews_all_on_time`.
#}

with

{{ kpi_periods('children_in_care', ['cla_reviews_all_on_time']) }},

review_status as (select * from {{ ref('int_cla_review_status_at_period_end') }}),

children_with_a_review_due as (

    {{ kpi_rows('review_status', ['cla_reviews_all_on_time']) }}

),

units as (

    -- children whose period of care has a review due by P: none late (due in the last 12
    -- months), none missed
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
