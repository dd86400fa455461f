{#
    The key of a KPI value (kpis.md "Output: fct_kpi_values"): one row per KPI, period,
    breakdown and breakdown value. Every model that carries KPI values selects these columns
    first, in this order, from this list: the KPI area models (kpi_values_from_units),
    int_kpi_values, fct_kpi_values, the month to date comparison and the suppression
    (suppressed_kpi_values).
#}
{% macro kpi_key_columns() -%}
    {{ return(['kpi_id', 'period_month', 'period_end', 'breakdown', 'breakdown_value']) }}
{%- endmacro %}
