{#
    The intermediate models that compute the KPIs of one area each (columns kpi_id,
    period_month, period_end, breakdown, breakdown_value, numerator, denominator, unit).
    fct_kpi_values unions them and the KPI completeness tests check them against the
    catalogue. A new KPI area is added here.
#}
{% macro kpi_area_models() -%}
    {{ return([
        'int_kpi_values__referrals',
        'int_kpi_values__assessments',
        'int_kpi_values__children_in_need',
        'int_kpi_values__child_protection',
        'int_kpi_values__children_in_care',
        'int_kpi_values__care_leavers',
        'int_kpi_values__workforce',
        'int_kpi_values__case_audits',
    ]) }}
{%- endmacro %}
