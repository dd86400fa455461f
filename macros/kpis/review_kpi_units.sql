{#
    The units of the two review KPIs that CP and CLA reviews share (kpis-inspection.md), for a
    KPI model that imported the review chains or the review status at P as a CTE:
    - review_timeliness_units: every review held (row 0 of a chain is no review) and dated in
      the KPI's window is a unit; it is on time (numerator 1) unless `is_late`;
    - review_status_units: every child whose plan or period of care has a review due by P is
      a unit; numerator 1 when none of its reviews is late or missed.
    Each adds the CTEs up to `units`, for kpi_values_from_units.
#}
{% macro review_timeliness_units(chains, kpi_id, review_date) -%}
held_reviews as (

    select * from {{ chains }}
    where review_number >= 1

),

reviews_in_windows as (

    {{ kpi_rows('held_reviews', [kpi_id], review_date) }}

),

units as (

    select
        kpi_id,
        period_end,
        case when is_late then 0 else 1 end as numerator,
        1 as denominator
    from reviews_in_windows

)
{%- endmacro %}

{% macro review_status_units(status, kpi_id) -%}
children_with_a_review_due as (

    {{ kpi_rows(status, [kpi_id]) }}

),

units as (

    select
        kpi_id,
        period_end,
        case when has_late_review or has_missed_review then 0 else 1 end as numerator,
        1 as denominator
    from children_with_a_review_due
    where is_review_due

)
{%- endmacro %}
