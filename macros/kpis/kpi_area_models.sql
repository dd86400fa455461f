{#
    The intermediate models that compute the KPIs, each those of one area or of one kind of
    unit within an area (columns kpi_id, period_month, period_end, breakdown,
    breakdown_value, numerator, denominator, unit).
    fct_kpi_values unions them and the KPI completeness tests check them against the
    catalogue. A new KPI area is added here; an area computed by several models (one per
    kind of unit) lists its KPIs in each, with kpi_periods' kpi_ids.
#}
{% macro kpi_area_models() -%}
    {{ return([
        'int_kpi_values__referrals',
        'int_kpi_values__front_door',
        'int_kpi_values__assessments',
        'int_kpi_values__children_in_need',
        'int_kpi_values__child_protection',
        'int_kpi_values__cp_reviews_held',
        'int_kpi_values__cp_reviews_due',
        'int_kpi_values__children_in_care',
        'int_kpi_values__cla_reviews_held',
        'int_kpi_values__cla_reviews_due',
        'int_kpi_values__cla_missing',
        'int_kpi_values__care_leavers',
        'int_kpi_values__workforce',
        'int_kpi_values__case_audits',
    ]) }}
{%- endmacro %}
