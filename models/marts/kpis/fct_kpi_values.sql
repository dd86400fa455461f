{#
    The KPI table (kpis.md "Output: fct_kpi_values"): one row per KPI, period end, breakdown
    and breakdown value, for every KPI of the catalogue and every reporting month. The values
    are computed in int_kpi_values (every KPI area, value from the unit in one place); the
    month to date comparison period there (the same days of the month before the extract
    month) is left out here, by keeping the periods of dim_reporting_periods: it is published
    by fct_kpi_values_month_to_date_comparison.
    Completeness (an `all` row for every available KPI and period, ids matching the
    catalogue both ways) is enforced by tests, not by filling in values here.
#}

with

kpi_values as (select * from {{ ref('int_kpi_values') }}),

periods as (select * from {{ ref('dim_reporting_periods') }}),

final as (
    select
        {%- for column in kpi_key_columns() %}
        kpi_values.{{ column }},
        {%- endfor %}
        kpi_values.numerator,
        kpi_values.denominator,
        kpi_values.value,
        kpi_values.unit
    from kpi_values
    inner join periods
        on kpi_values.period_end = periods.period_end
)

select * from final
