{#
    The KPI table (kpis.md "Output: fct_kpi_values"): one row per KPI, period end, breakdown
    and breakdown value, for every KPI of the catalogue and every reporting month. The values
    are computed in int_kpi_values (every KPI area, value from the unit in one place); the
    month to date comparison period there (the same days of the month before the extract
    month) is left out here: it is published by fct_kpi_values_month_to_date_comparison.
    Completeness (an `all` row for every available KPI and period, ids matching the
    catalogue both ways) is enforced by tests, not by filling in values here.
#}

with

kpi_values as (select * from {{ ref('int_kpi_values') }}),

final as (
    select
        kpi_id,
        period_month,
        period_end,
        breakdown,
        breakdown_value,
        numerator,
        denominator,
        value,
        unit
    from kpi_values
    where period_kind = 'month'
)

select * from final
